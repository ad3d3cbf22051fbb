//! The strings one compiled program shares with the inputs it is given:
//! [`SharedStrings`] keeps one reference-counted string per text, so that
//! `input` built by [`super::value::to_value_sharing`] has object keys the
//! VM finds by address instead of by comparing text.

use regorus::Value;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::value::object;

/// The strings one compiled program shares with its inputs.
///
/// regorus finds an object's entry by comparing the key's text with the
/// entries' keys, unless the key is the very string an entry holds (a
/// reference-counted string compared by address). An evaluator gives its VM
/// copies of the program's string literals and of `data` that share one
/// string per text ([`SharedStrings::share`]); [`super::value::to_value_sharing`] then
/// builds `input` with those same strings as object keys, so that `m.heading`
/// or `m.sections[name]` (a name from the configuration) is found by address.
///
/// Each evaluator has its own: worker threads never touch the same reference
/// counts.
#[derive(Default)]
pub struct SharedStrings {
    /// Struct field names by address (see [`key`]).
    pub(super) fields: HashMap<(usize, usize), Value, BuildHasherDefault<AddressHasher>>,
    /// Every shared string, found by its text. The set holds the shared
    /// values themselves (no second copy of each text as a key), hashed
    /// eight bytes at a time: a VM's copy of the program's literals and of
    /// `data` looks up some 1,600 strings.
    pub(super) texts: HashSet<Text, BuildHasherDefault<AddressHasher>>,
}

/// A shared string (always a [`Value::String`]), found in
/// [`SharedStrings::texts`] by its text.
pub(super) struct Text(pub(super) Value);

impl Text {
    fn text(&self) -> &str {
        match &self.0 {
            Value::String(s) => s,
            _ => "",
        }
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.text()
    }
}

impl std::hash::Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text().hash(state);
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Text {}

/// The strings of a program's literals and of the default `data` are about
/// 1,600: room for them up front saves growing the table several times.
const TEXTS: usize = 2048;

impl SharedStrings {
    /// A copy of `value` whose strings are this table's: the first string of
    /// each text is copied and added, later ones share it. Collections are
    /// copied too, so the copy shares nothing with `value`.
    pub fn share(&mut self, value: &Value) -> Value {
        if self.texts.capacity() == 0 {
            self.texts.reserve(TEXTS);
        }
        self.share_in(value)
    }

    fn share_in(&mut self, value: &Value) -> Value {
        match value {
            Value::String(s) => match self.texts.get(s.as_ref()) {
                Some(shared) => shared.0.clone(),
                None => {
                    let shared = Value::from(s.as_ref());
                    self.texts.insert(Text(shared.clone()));
                    shared
                }
            },
            Value::Array(items) => {
                Value::from(items.iter().map(|v| self.share_in(v)).collect::<Vec<_>>())
            }
            Value::Set(items) => {
                let mut set = Value::new_set();
                if let Ok(copy) = set.as_set_mut() {
                    copy.extend(items.iter().map(|v| self.share_in(v)));
                }
                set
            }
            Value::Object(entries) => object(
                entries
                    .iter()
                    .map(|(k, v)| (self.share_in(k), self.share_in(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The shared string of `text`, if there is one.
    pub(super) fn text(&self, text: &str) -> Option<Value> {
        self.texts.get(text).map(|t| t.0.clone())
    }
}

/// Hashes the `(address, length)` of a field name, and the texts of shared
/// strings eight bytes at a time: a multiply-rotate mix, enough for the few
/// dozen names of the document model and the strings of a program and its
/// `data` (the configuration), never for what documents hold.
#[derive(Default)]
pub(super) struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
