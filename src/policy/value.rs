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
//! per key per object.

use regorus::Value;
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

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
    static KEYS: RefCell<HashMap<(usize, usize), Value, BuildHasherDefault<AddressHasher>>> =
        RefCell::new(HashMap::default());
}

/// A shared `Value` for a struct field name, found by the name's address:
/// field names are string literals in the binary, so hashing two integers
/// replaces hashing the text (the same name at two addresses just gets two
/// entries).
fn key(name: &'static str) -> Value {
    KEYS.with(|keys| {
        keys.borrow_mut()
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| Value::from(name))
            .clone()
    })
}

/// Hashes the `(address, length)` of a field name: a multiply-rotate mix,
/// enough for the few dozen names of the document model.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

fn number(n: f64) -> Result<Value, Error> {
    if n.is_finite() {
        Ok(Value::from(n))
    } else {
        // serde_json writes non-finite numbers as null.
        Ok(Value::Null)
    }
}

/// An object from its entries: regorus sorts them once and keeps them as
/// they are, where inserting them one by one into a `BTreeMap` cost a tree
/// walk per field and then a copy into regorus's compact form.
fn object(entries: Vec<(Value, Value)>) -> Value {
    regorus::value::Object::from_entries(entries).into_value()
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
                self.key = Some(k);
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

    /// The contract of `Object::from_entries` (vendor/regorus) that `object`
    /// relies on: entries in any order, and a repeated key keeps its last
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
