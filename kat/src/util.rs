//! Small hex and JSON helpers shared by the format parsers. Every accessor reports a
//! missing, mistyped or malformed field as a [`KatError`] naming the field and the case.

use crate::error::KatError;
use serde_json::{Map, Value};

/// Decodes hex (either case) into bytes; `what` names the value in the error.
pub(crate) fn decode_hex(text: &str, what: &dyn Fn() -> String) -> Result<Vec<u8>, KatError> {
    hex::decode(text).map_err(|e| {
        let e = match e {
            hex::FromHexError::InvalidHexCharacter { c, index } => {
                format!("invalid character {c:?} at position {index}")
            }
            hex::FromHexError::OddLength => "odd number of hex digits".to_owned(),
            other => other.to_string(),
        };
        KatError::malformed(format!("malformed hex in {}: {e}", what()))
    })
}

/// Something field values can be looked up in: a JSON object, or a layered view of several.
pub(crate) trait Lookup<'a> {
    /// The value of `name`, if present.
    fn lookup(&self, name: &str) -> Option<&'a Value>;
    /// Describes the case for error messages, e.g. `tgId 3 / tcId 57`.
    fn context(&self) -> String;
}

/// A JSON object together with a description of where it is.
pub(crate) struct Obj<'a> {
    pub(crate) map: &'a Map<String, Value>,
    pub(crate) ctx: String,
}

impl<'a> Lookup<'a> for Obj<'a> {
    fn lookup(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name)
    }
    fn context(&self) -> String {
        self.ctx.clone()
    }
}

/// Several JSON objects consulted in order (e.g. an ACVP prompt test case, its expected
/// result, then its test group).
pub(crate) struct Layered<'a> {
    pub(crate) layers: Vec<&'a Map<String, Value>>,
    pub(crate) ctx: String,
}

impl<'a> Lookup<'a> for Layered<'a> {
    fn lookup(&self, name: &str) -> Option<&'a Value> {
        self.layers.iter().find_map(|m| m.get(name))
    }
    fn context(&self) -> String {
        self.ctx.clone()
    }
}

fn missing(o: &dyn Lookup<'_>, name: &str) -> KatError {
    KatError::malformed(format!("{}: missing field `{name}`", o.context()))
}

fn mistyped(o: &dyn Lookup<'_>, name: &str, want: &str) -> KatError {
    KatError::malformed(format!("{}: field `{name}` must be {want}", o.context()))
}

/// Present and not `null`.
pub(crate) fn has(o: &dyn Lookup<'_>, name: &str) -> bool {
    o.lookup(name).is_some_and(|v| !v.is_null())
}

/// An optional string field (`null` counts as absent).
pub(crate) fn opt_str<'a>(o: &dyn Lookup<'a>, name: &str) -> Result<Option<&'a str>, KatError> {
    match o.lookup(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(mistyped(o, name, "a string")),
    }
}

/// A required string field.
pub(crate) fn req_str<'a>(o: &dyn Lookup<'a>, name: &str) -> Result<&'a str, KatError> {
    opt_str(o, name)?.ok_or_else(|| missing(o, name))
}

/// An optional hex field (`null` counts as absent).
pub(crate) fn opt_hex(o: &dyn Lookup<'_>, name: &str) -> Result<Option<Vec<u8>>, KatError> {
    match opt_str(o, name)? {
        None => Ok(None),
        Some(s) => decode_hex(s, &|| format!("field `{name}` of {}", o.context())).map(Some),
    }
}

/// A required hex field.
pub(crate) fn req_hex(o: &dyn Lookup<'_>, name: &str) -> Result<Vec<u8>, KatError> {
    opt_hex(o, name)?.ok_or_else(|| missing(o, name))
}

/// An optional boolean field.
pub(crate) fn opt_bool(o: &dyn Lookup<'_>, name: &str) -> Result<Option<bool>, KatError> {
    match o.lookup(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(mistyped(o, name, "true or false")),
    }
}

/// A required boolean field.
pub(crate) fn req_bool(o: &dyn Lookup<'_>, name: &str) -> Result<bool, KatError> {
    opt_bool(o, name)?.ok_or_else(|| missing(o, name))
}

/// An optional non-negative integer field.
pub(crate) fn opt_u64(o: &dyn Lookup<'_>, name: &str) -> Result<Option<u64>, KatError> {
    match o.lookup(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| mistyped(o, name, "a non-negative integer")),
    }
}

/// A required non-negative integer field.
pub(crate) fn req_u64(o: &dyn Lookup<'_>, name: &str) -> Result<u64, KatError> {
    opt_u64(o, name)?.ok_or_else(|| missing(o, name))
}

/// A required array field.
pub(crate) fn req_array<'a>(o: &dyn Lookup<'a>, name: &str) -> Result<&'a Vec<Value>, KatError> {
    match o.lookup(name) {
        None | Some(Value::Null) => Err(missing(o, name)),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(mistyped(o, name, "an array")),
    }
}

/// `value` as an object, or an error naming `what`.
pub(crate) fn as_object<'a>(
    value: &'a Value,
    what: &dyn Fn() -> String,
) -> Result<&'a Map<String, Value>, KatError> {
    value
        .as_object()
        .ok_or_else(|| KatError::malformed(format!("{} must be a JSON object", what())))
}

/// Parses JSON, reporting syntax errors with their line and column.
pub(crate) fn parse_json(text: &str) -> Result<Value, KatError> {
    serde_json::from_str(text).map_err(|e| KatError::malformed(format!("malformed JSON: {e}")))
}

/// Lower-case ASCII letters and digits only, for punctuation-insensitive comparisons.
pub(crate) fn normalize(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_errors_name_the_field() {
        let e = decode_hex("0g", &|| "field `key`".into()).unwrap_err();
        assert!(e.message().contains("field `key`"), "{e}");
        assert!(e.message().contains("'g'"), "{e}");
        let e = decode_hex("abc", &|| "x".into()).unwrap_err();
        assert!(e.message().contains("odd"), "{e}");
        assert_eq!(decode_hex("0A0b", &|| "x".into()).unwrap(), [10, 11]);
    }

    #[test]
    fn json_accessors() {
        let v: Value = serde_json::json!({"a": "00ff", "b": true, "n": 3, "z": null, "s": 5});
        let o = Obj {
            map: v.as_object().unwrap(),
            ctx: "case 1".into(),
        };
        assert_eq!(req_hex(&o, "a").unwrap(), [0, 255]);
        assert_eq!(opt_hex(&o, "z").unwrap(), None);
        assert!(
            req_hex(&o, "q")
                .unwrap_err()
                .message()
                .contains("missing field `q`")
        );
        assert!(
            req_hex(&o, "s")
                .unwrap_err()
                .message()
                .contains("must be a string")
        );
        assert!(req_bool(&o, "b").unwrap());
        assert_eq!(req_u64(&o, "n").unwrap(), 3);
        assert!(!has(&o, "z"));
    }
}
