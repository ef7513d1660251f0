//! The committed JSON Schema of the tree matches the types.
//!
//! After a deliberate change to the tree, regenerate it with
//! `QUIRE_UPDATE_SCHEMA=1 cargo test --test json_schema` and review the diff.

use std::path::Path;

#[test]
fn committed_schema_matches_the_tree_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/tree.schema.json");
    let fresh = quire::tree::json_schema();
    if std::env::var_os("QUIRE_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == fresh, "schema/tree.schema.json is out of date; regenerate it with QUIRE_UPDATE_SCHEMA=1");
}

#[test]
fn schema_names_every_top_level_field() {
    let v: serde_json::Value = serde_json::from_str(&quire::tree::json_schema()).unwrap();
    let props = v["properties"].as_object().unwrap();
    for key in ["schema_version", "front", "sections", "footnotes", "references", "colophon", "furniture"] {
        assert!(props.contains_key(key), "{key} missing from the schema");
    }
}
