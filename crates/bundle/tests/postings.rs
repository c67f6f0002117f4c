//! The posting-list codec and the set operations against brute force, on random lists (proptest).

use std::collections::BTreeSet;

use proptest::prelude::*;
use tidings_bundle::postings::{chunks, decode, encode, intersect, union};

/// A strictly increasing list of story numbers: sparse or dense, small or up to the 32-bit limit.
fn list() -> impl Strategy<Value = Vec<u32>> {
    prop_oneof![
        prop::collection::btree_set(0u32..2_000, 0..500),
        prop::collection::btree_set(any::<u32>(), 0..200),
        prop::collection::btree_set(1_000_000u32..1_000_100, 0..100),
    ]
    .prop_map(|s| s.into_iter().collect())
}

proptest! {
    #[test]
    fn a_list_round_trips(ids in list()) {
        prop_assert_eq!(decode(&encode(&ids)).unwrap(), ids);
    }

    #[test]
    fn its_chunks_read_back_into_the_whole_list(ids in list(), per_chunk in 1usize..300) {
        let parts = chunks(&ids, per_chunk);
        prop_assert!(parts.len() == ids.len().div_ceil(per_chunk));
        let back: Vec<u32> = parts.iter().flat_map(|c| decode(c).unwrap()).collect();
        prop_assert_eq!(back, ids);
    }

    #[test]
    fn union_is_the_set_union(lists in prop::collection::vec(list(), 0..6)) {
        let slices: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        let brute: BTreeSet<u32> = lists.iter().flatten().copied().collect();
        prop_assert_eq!(union(&slices), brute.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn intersection_is_the_set_intersection(a in list(), b in list()) {
        let brute: Vec<u32> = a.iter().copied().filter(|x| b.binary_search(x).is_ok()).collect();
        prop_assert_eq!(intersect(&a, &b), brute.clone());
        prop_assert_eq!(intersect(&b, &a), brute);
    }

    #[test]
    fn any_bytes_decode_or_fail_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = decode(&bytes);
    }
}
