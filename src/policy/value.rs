//! Serialises any `Serialize` type straight into a regorus [`Value`].
//!
//! Policies receive the parsed document as `input`. Going through
//! `serde_json::Value` first (serialise to a JSON tree, then deserialise that
//! tree into regorus's value) built every string and map twice; this
//! serializer builds regorus's value in one pass, from the same `serde`
//! derives, so the JSON that `mlint parse` prints and the `input` policies
//! see cannot drift apart (tests/parse.rs checks they are equal).
//!
//! Struct field names are `&'static str`: each thread keeps their `Value`s
//! and hands out reference-counted clones instead of allocating a new string
//! per key per object. An evaluator building its input
//! ([`to_value_sharing`]) hands out its own instead, the very strings its VM
//! holds ([`SharedStrings`]).

use regorus::Value;
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::fmt;

pub use super::shared::SharedStrings;

/// `value` as a regorus value, exactly as `serde_json` would see it.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    value.serialize(ValueSerializer)
}

/// A value `serde` could not represent (a non-string map key, a non-finite
/// number): the model never produces one, but the error is reported, not
/// panicked on.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

thread_local! {
    /// The table [`key`] reads: a thread's own, or an evaluator's while
    /// [`to_value_sharing`] runs.
    static STRINGS: RefCell<SharedStrings> = RefCell::new(SharedStrings::default());
}

/// [`to_value`], with `strings`'s strings for struct field names and object
/// keys that have one.
pub fn to_value_sharing<T: Serialize + ?Sized>(
    value: &T,
    strings: &mut SharedStrings,
) -> Result<Value, Error> {
    /// Puts the evaluator's table in place, and back when done (also if
    /// serialising panicked).
    struct Swapped<'a>(&'a mut SharedStrings);
    impl Drop for Swapped<'_> {
        fn drop(&mut self) {
            STRINGS.with(|s| std::mem::swap(&mut *s.borrow_mut(), self.0));
        }
    }
    STRINGS.with(|s| std::mem::swap(&mut *s.borrow_mut(), strings));
    let _back = Swapped(strings);
    value.serialize(ValueSerializer)
}

/// A shared `Value` for a struct field name, found by the name's address:
/// field names are string literals in the binary, so hashing two integers
/// replaces hashing the text (the same name at two addresses just gets two
/// entries).
fn key(name: &'static str) -> Value {
    STRINGS.with(|strings| {
        let strings = &mut *strings.borrow_mut();
        let texts = &strings.texts;
        strings
            .fields
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| {
                texts
                    .get(name)
                    .map(|t| t.0.clone())
                    .unwrap_or_else(|| Value::from(name))
            })
            .clone()
    })
}

/// An object key from the document (a section name, a field key): the
/// shared string of its text when there is one, else `key` itself. The
/// table never grows with what documents hold.
fn map_key(key: Value) -> Value {
    if let Value::String(text) = &key
        && let Some(shared) = STRINGS.with(|strings| strings.borrow().text(text))
    {
        return shared;
    }
    key
}

fn number(n: f64) -> Result<Value, Error> {
    if n.is_finite() {
        Ok(Value::from(n))
    } else {
        // serde_json writes non-finite numbers as null.
        Ok(Value::Null)
    }
}

/// An object from its entries, in any order; a repeated key keeps its last
/// value. `BTreeMap`'s `FromIterator` sorts the entries once and builds the
/// tree in bulk, cheaper than inserting them one by one.
pub(super) fn object(entries: Vec<(Value, Value)>) -> Value {
    let map: std::collections::BTreeMap<Value, Value> = entries.into_iter().collect();
    regorus::value::Object::from(map).into_value()
}

struct ValueSerializer;

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = SeqSerializer;
    type SerializeTuple = SeqSerializer;
    type SerializeTupleStruct = SeqSerializer;
    type SerializeTupleVariant = VariantSerializer<SeqSerializer>;
    type SerializeMap = MapSerializer;
    type SerializeStruct = StructSerializer;
    type SerializeStructVariant = VariantSerializer<StructSerializer>;

    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        Ok(Value::from(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Error> {
        Ok(Value::from(i64::from(v)))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Error> {
        Ok(Value::from(i64::from(v)))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Error> {
        Ok(Value::from(i64::from(v)))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Error> {
        Ok(Value::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Error> {
        Ok(Value::from(u64::from(v)))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Error> {
        Ok(Value::from(u64::from(v)))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Error> {
        Ok(Value::from(u64::from(v)))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Error> {
        Ok(Value::from(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Error> {
        number(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Error> {
        number(v)
    }
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::from(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        Ok(Value::from(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        Ok(Value::from(
            v.iter()
                .map(|b| Value::from(u64::from(*b)))
                .collect::<Vec<_>>(),
        ))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(key(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        Ok(object(vec![(
            key(variant),
            value.serialize(ValueSerializer)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSerializer, Error> {
        Ok(SeqSerializer(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSerializer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqSerializer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSerializer<SeqSerializer>, Error> {
        Ok(VariantSerializer {
            variant,
            inner: SeqSerializer(Vec::with_capacity(len)),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapSerializer, Error> {
        Ok(MapSerializer {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<StructSerializer, Error> {
        Ok(StructSerializer(Vec::with_capacity(len)))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSerializer<StructSerializer>, Error> {
        Ok(VariantSerializer {
            variant,
            inner: StructSerializer(Vec::with_capacity(len)),
        })
    }
}

struct SeqSerializer(Vec<Value>);

impl ser::SerializeSeq for SeqSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::from(self.0))
    }
}

impl ser::SerializeTuple for SeqSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

struct MapSerializer {
    entries: Vec<(Value, Value)>,
    key: Option<Value>,
}

impl ser::SerializeMap for MapSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        match key.serialize(ValueSerializer)? {
            k @ Value::String(_) => {
                self.key = Some(map_key(k));
                Ok(())
            }
            // JSON object keys are strings; so are the model's.
            _ => Err(Error("a map key that is not a string".into())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without a key".into()))?;
        self.entries.push((key, value.serialize(ValueSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(object(self.entries))
    }
}

struct StructSerializer(Vec<(Value, Value)>);

impl ser::SerializeStruct for StructSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.0.push((key(name), value.serialize(ValueSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(object(self.0))
    }
}

/// `{"Variant": inner}`, serde_json's externally tagged enum layout.
struct VariantSerializer<S> {
    variant: &'static str,
    inner: S,
}

impl<S> VariantSerializer<S> {
    fn wrap(variant: &'static str, inner: Value) -> Value {
        object(vec![(key(variant), inner)])
    }
}

impl ser::SerializeTupleVariant for VariantSerializer<SeqSerializer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Value, Error> {
        let inner = ser::SerializeSeq::end(self.inner)?;
        Ok(Self::wrap(self.variant, inner))
    }
}

impl ser::SerializeStructVariant for VariantSerializer<StructSerializer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, name, value)
    }
    fn end(self) -> Result<Value, Error> {
        let inner = ser::SerializeStruct::end(self.inner)?;
        Ok(Self::wrap(self.variant, inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Circle(f64),
        Pair(u8, u8),
        Rect { w: u32, h: u32 },
    }

    #[derive(Serialize)]
    struct Sample {
        name: String,
        count: usize,
        ratio: f64,
        missing: Option<u32>,
        flag: bool,
        list: Vec<i32>,
        map: BTreeMap<String, (u8, char)>,
        shapes: Vec<Shape>,
        nan: f64,
    }

    #[test]
    fn equals_the_value_parsed_from_serde_json_output() {
        let sample = Sample {
            name: "Phase 1 — ünïcode".into(),
            count: 3,
            ratio: 0.5,
            missing: None,
            flag: true,
            list: vec![-1, 0, 7],
            map: BTreeMap::from([("b".into(), (1, 'x')), ("a".into(), (2, 'y'))]),
            shapes: vec![
                Shape::Dot,
                Shape::Circle(1.5),
                Shape::Pair(1, 2),
                Shape::Rect { w: 2, h: 3 },
            ],
            nan: f64::NAN,
        };
        let direct = to_value(&sample).unwrap();
        let via_json = Value::from_json_str(&serde_json::to_string(&sample).unwrap()).unwrap();
        assert_eq!(direct, via_json);
    }

    fn same_string(a: &Value, b: &Value) -> bool {
        match (a.as_string(), b.as_string()) {
            (Ok(a), Ok(b)) => regorus::Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The key of `object` whose text is `text`.
    fn key_of<'v>(object: &'v Value, text: &str) -> &'v Value {
        let entries = object.as_object().unwrap();
        entries
            .iter()
            .find(|(k, _)| k.as_string().is_ok_and(|s| s.as_ref() == text))
            .unwrap()
            .0
    }

    #[test]
    fn shared_copies_are_equal_and_share_one_string_per_text() {
        let data = Value::from_json_str(
            r#"{"sections": ["tasks", "risks"], "tasks": {"tasks": 1}, "set": [true]}"#,
        )
        .unwrap();
        let mut strings = SharedStrings::default();
        let literal = strings.share(&Value::from("tasks"));
        let copy = strings.share(&data);
        assert_eq!(copy, data);
        // Every `tasks` of the copy is the literal's string, and none is
        // the original's.
        assert!(same_string(&copy["sections"][0], &literal));
        assert!(same_string(key_of(&copy, "tasks"), &literal));
        assert!(same_string(key_of(&copy["tasks"], "tasks"), &literal));
        assert!(!same_string(&data["sections"][0], &literal));
    }

    #[test]
    fn an_input_built_sharing_strings_equals_the_plain_one_and_uses_them_as_keys() {
        let mut sample = BTreeMap::new();
        sample.insert(
            "name".to_string(),
            BTreeMap::from([("ratio".to_string(), 1u8)]),
        );
        sample.insert("other".to_string(), BTreeMap::new());
        let shapes = vec![Shape::Rect { w: 2, h: 3 }, Shape::Circle(1.0)];
        let mut strings = SharedStrings::default();
        let (name, w) = (
            strings.share(&Value::from("name")),
            strings.share(&Value::from("w")),
        );
        for _ in 0..2 {
            let built = to_value_sharing(&sample, &mut strings).unwrap();
            assert_eq!(built, to_value(&sample).unwrap());
            // A map key with a shared text is the shared string; one
            // without is not added to the table.
            assert!(same_string(key_of(&built, "name"), &name));
            assert!(strings.text("other").is_none());
            let built = to_value_sharing(&shapes, &mut strings).unwrap();
            assert_eq!(built, to_value(&shapes).unwrap());
            // So is a struct field name, found by its address.
            assert!(same_string(key_of(&built[0]["Rect"], "w"), &w));
        }
        // The thread's own table is back in place: it has no shared texts.
        assert!(STRINGS.with(|s| s.borrow().texts.is_empty()));
    }

    /// The contract that `object`
    /// keeps: entries in any order, and a repeated key keeps its last
    /// value, as when they are inserted one by one.
    #[test]
    fn an_object_from_entries_equals_the_object_built_by_insertion() {
        let entries = [
            (Value::from("section"), 1u64),
            (Value::from("duration"), 2),
            (Value::from(7u64), 3),
            (Value::from("line"), 4),
            (Value::from("duration"), 5),
            (Value::from(""), 6),
            (Value::from("lines"), 7),
        ];
        let mut inserted = regorus::value::Object::new();
        for (k, v) in &entries {
            inserted.insert(k.clone(), Value::from(*v));
        }
        let built = object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(*v)))
                .collect(),
        );
        assert_eq!(built, inserted.into_value());
        // Lookups by string and by other keys find every entry.
        for (k, v) in [("duration", 5u64), ("line", 4), ("lines", 7), ("", 6)] {
            assert_eq!(built[&Value::from(k)], Value::from(v), "{k:?}");
        }
        assert_eq!(built[&Value::from(7u64)], Value::from(3u64));
        assert_eq!(built[&Value::from("missing")], Value::Undefined);
    }

    #[test]
    fn non_string_map_keys_are_an_error() {
        let map = BTreeMap::from([(1u8, 2u8)]);
        let err = to_value(&map).unwrap_err();
        assert_eq!(err.to_string(), "a map key that is not a string");
    }
}
