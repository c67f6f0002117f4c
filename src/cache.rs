//! What the widget has fetched of an on-demand index (list chunks, card shards), kept within a bound on bytes,
//! the least recently used out first: memory stays bounded however long a reader browses.
//!
//! A list in recency order, not a hash map: the cache holds tens of files (a bound of a few megabytes over
//! files of kilobytes), where a linear search costs nothing, and a map would bring its hashing and table code
//! into every reader's download. The `lru` crate bounds by count, not bytes, and brings such a map.

/// Files by name, with the bytes each holds, most recently used last.
pub struct Cache<V> {
    entries: Vec<(String, V, usize)>,
    bytes: usize,
    limit: usize,
}

impl<V> Cache<V> {
    /// An empty cache that holds at most `limit` bytes.
    pub fn new(limit: usize) -> Self {
        Self {
            entries: Vec::new(),
            bytes: 0,
            limit,
        }
    }

    /// The file `key`, marked as used now.
    pub fn get(&mut self, key: &str) -> Option<&V> {
        let i = self.entries.iter().position(|(k, _, _)| k == key)?;
        let entry = self.entries.remove(i);
        self.entries.push(entry);
        self.entries.last().map(|(_, v, _)| v)
    }

    /// Keeps `value` (of `bytes` bytes) as `key`, then drops the least recently used files until the cache is
    /// within its bound. A file larger than the whole bound is not kept: the view that asked for it has it.
    pub fn insert(&mut self, key: String, value: V, bytes: usize) {
        if let Some(i) = self.entries.iter().position(|(k, _, _)| *k == key) {
            let (_, _, old) = self.entries.remove(i);
            self.bytes -= old;
        }
        if bytes > self.limit {
            return;
        }
        self.entries.push((key, value, bytes));
        self.bytes += bytes;
        while self.bytes > self.limit {
            let (_, _, dropped) = self.entries.remove(0);
            self.bytes -= dropped;
        }
    }

    /// The bytes held now.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many files are held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_go_first() {
        let mut cache = Cache::new(10);
        cache.insert("a".into(), 1, 4);
        cache.insert("b".into(), 2, 4);
        assert_eq!(cache.get("a"), Some(&1));
        cache.insert("c".into(), 3, 4);
        assert_eq!(cache.get("b"), None, "b was used least recently");
        assert_eq!(cache.get("a"), Some(&1));
        assert_eq!(cache.get("c"), Some(&3));
        cache.insert("huge".into(), 4, 11);
        assert_eq!(cache.get("huge"), None, "larger than the bound: not kept");
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn the_bound_holds_whatever_the_reader_does() {
        // A deterministic walk of inserts and reads, files of 1 byte to 4 KB, keys reused.
        let limit = 64 * 1024;
        let mut cache = Cache::new(limit);
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let key = (next() % 300).to_string();
            if next() % 3 == 0 {
                let _ = cache.get(&key);
            } else {
                let bytes = (next() % 4096 + 1) as usize;
                cache.insert(key, (), bytes);
            }
            let held: usize = cache.entries.iter().map(|(_, _, b)| b).sum();
            assert_eq!(held, cache.bytes());
            assert!(cache.bytes() <= limit);
        }
        assert!(cache.bytes() > limit / 2, "the cache is used, not emptied");
    }
}
