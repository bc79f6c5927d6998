//! Unit tests of `keyring_store`.

use super::*;

#[test]
fn memory_store_round_trip() {
    let store = MemoryStore::default();
    assert!(store.get(SecretName::RefreshToken).unwrap().is_none());
    store.put(SecretName::RefreshToken, "r").unwrap();
    assert_eq!(
        store
            .get(SecretName::RefreshToken)
            .unwrap()
            .unwrap()
            .as_str(),
        "r"
    );
    store.delete(SecretName::RefreshToken).unwrap();
    store.delete(SecretName::RefreshToken).unwrap();
    assert!(store.get(SecretName::RefreshToken).unwrap().is_none());
}
