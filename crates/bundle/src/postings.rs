//! Posting lists: which stories (by their position in display order, newest first) carry a tag, an outlet or a
//! year, written compactly and cut into chunks, so that a selection's first page needs only the first chunk of
//! each list it reads. The same codec serves any list of story numbers: a word index can sit beside these.
//!
//! A list is strictly increasing story numbers. Encoded, it is the first number, then each gap less one, every
//! value an unsigned LEB128 varint (7 bits a byte, low bits first, the high bit set on every byte but the last):
//! a dense list costs a byte a story, a sparse one a few. A chunk is encoded on its own, from its first number, so
//! that any chunk can be read without the ones before it. `docs/bundle-format.md` has the layout.
//!
//! Pure and without dependencies: the compiler writes with it, the widget reads with it, and both test it natively.

/// Why bytes are not a posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes end inside a varint.
    Truncated,
    /// A value does not fit in 32 bits.
    Overflow,
}

/// Appends `value` as an unsigned LEB128 varint.
pub fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads the varint at `*at`, moving `*at` past it.
pub fn read_varint(bytes: &[u8], at: &mut usize) -> Result<u32, DecodeError> {
    let mut value: u64 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at).ok_or(DecodeError::Truncated)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(value).map_err(|_| DecodeError::Overflow);
        }
    }
    Err(DecodeError::Overflow)
}

/// Encodes a strictly increasing list of story numbers.
pub fn encode(ids: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ids.len() + 4);
    let mut previous: Option<u32> = None;
    for &id in ids {
        match previous {
            None => push_varint(&mut out, id),
            Some(p) => {
                debug_assert!(id > p, "a posting list is strictly increasing");
                push_varint(&mut out, id - p - 1);
            }
        }
        previous = Some(id);
    }
    out
}

/// Decodes what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<Vec<u32>, DecodeError> {
    let mut ids: Vec<u32> = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let value = read_varint(bytes, &mut at)?;
        let id = match ids.last() {
            None => value,
            Some(&p) => p
                .checked_add(value)
                .and_then(|n: u32| n.checked_add(1))
                .ok_or(DecodeError::Overflow)?,
        };
        ids.push(id);
    }
    Ok(ids)
}

/// A list cut into chunks of at most `per_chunk` stories, each encoded on its own.
pub fn chunks(ids: &[u32], per_chunk: usize) -> Vec<Vec<u8>> {
    ids.chunks(per_chunk.max(1)).map(encode).collect()
}

/// The stories in any of `lists` (a selection within one facet: OR), in order, each once.
pub fn union(lists: &[&[u32]]) -> Vec<u32> {
    let mut heads: Vec<usize> = vec![0; lists.len()];
    let mut out = Vec::new();
    loop {
        let next = lists
            .iter()
            .zip(&heads)
            .filter_map(|(list, &h)| list.get(h).copied())
            .min();
        let Some(next) = next else {
            return out;
        };
        out.push(next);
        for (list, h) in lists.iter().zip(heads.iter_mut()) {
            if list.get(*h) == Some(&next) {
                *h += 1;
            }
        }
    }
}

/// The stories in both `a` and `b` (selections across facets: AND), in order. Gallops through the longer list,
/// so that a rare value against a common one costs the rare one's length times a logarithm.
pub fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(short.len());
    let mut from = 0;
    for &id in short {
        let rest = &long[from..];
        // Exponential search for the first element not below `id`, then a binary search inside that window.
        let mut bound = 1;
        while bound < rest.len() && rest[bound] < id {
            bound *= 2;
        }
        let window = &rest[..bound.min(rest.len())];
        let i = window.partition_point(|&x| x < id);
        from += i;
        if long.get(from) == Some(&id) {
            out.push(id);
            from += 1;
        }
        if from >= long.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dense_list_costs_a_byte_a_story() {
        let ids: Vec<u32> = (0..1000).collect();
        assert_eq!(encode(&ids).len(), 1000);
        assert_eq!(encode(&[]), Vec::<u8>::new());
        assert_eq!(encode(&[300]), vec![0xac, 0x02]);
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        assert_eq!(decode(&[0x80]), Err(DecodeError::Truncated));
        assert_eq!(
            decode(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
            Err(DecodeError::Overflow)
        );
        assert_eq!(
            decode(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]),
            Err(DecodeError::Overflow)
        );
    }

    #[test]
    fn every_chunk_reads_on_its_own() {
        let ids: Vec<u32> = (0..100).map(|i| i * 7 + 3).collect();
        let chunks = chunks(&ids, 32);
        assert_eq!(chunks.len(), 4);
        assert_eq!(decode(&chunks[2]).unwrap(), ids[64..96]);
    }
}
