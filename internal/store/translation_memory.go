package store

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// LookupMemory returns the memory's entries from src to dst for those
// source hashes, keyed by hash, reading a few hundred hashes per query.
// No hashes is an empty map.
func (s *Store) LookupMemory(ctx context.Context, src, dst string, hashes []string) (map[string]news.MemoryEntry, error) {
	out := make(map[string]news.MemoryEntry, len(hashes))
	hashes = uniqueStrings(hashes)
	for start := 0; start < len(hashes); start += inChunk {
		chunk := hashes[start:min(start+inChunk, len(hashes))]
		args := make([]any, 0, 2+len(chunk))
		args = append(args, src, dst)
		for _, h := range chunk {
			args = append(args, h)
		}
		rows, err := s.query(ctx, `SELECT source_lang, target_lang, source_hash, source, target,
			provider, human, created_at
			FROM translation_memory
			WHERE source_lang = ? AND target_lang = ? AND source_hash IN (`+placeholders(len(chunk))+`)`,
			args...)
		if err != nil {
			return nil, dbError(err, "reading translation memory %s to %s", src, dst)
		}
		err = eachRow(rows, func() error {
			var e news.MemoryEntry
			if err := rows.Scan(&e.SourceLang, &e.TargetLang, &e.SourceHash, &e.Source, &e.Target,
				&e.Provider, &e.Human, dbTime{&e.CreatedAt}); err != nil {
				return err
			}
			out[e.SourceHash] = e
			return nil
		})
		if err != nil {
			return nil, dbError(err, "reading translation memory %s to %s", src, dst)
		}
	}
	return out, nil
}

// SaveMemory inserts or replaces the entries in one transaction, one
// statement each. The replacing statement's condition keeps a person's
// entry from being replaced by a machine's, even when two processes race.
// A zero CreatedAt is stored as now. An entry without both languages or a
// hash is EINVALID, and nothing is saved.
func (s *Store) SaveMemory(ctx context.Context, entries []news.MemoryEntry) error {
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.SourceLang == "" || e.TargetLang == "" || e.SourceHash == "" {
			return news.Errorf(news.EINVALID, "translation memory entry %q (%s to %s) lacks its languages or hash",
				e.SourceHash, e.SourceLang, e.TargetLang)
		}
	}
	now := normTime(time.Now())
	return s.inTx(ctx, func(tx *Store) error {
		for _, e := range entries {
			_, err := tx.exec(ctx, `INSERT INTO translation_memory
				(source_lang, target_lang, source_hash, source, target, provider, human, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (source_lang, target_lang, source_hash) DO UPDATE SET
					source = excluded.source, target = excluded.target, provider = excluded.provider,
					human = excluded.human, created_at = excluded.created_at
				WHERE excluded.human OR NOT translation_memory.human`,
				e.SourceLang, e.TargetLang, e.SourceHash, e.Source, e.Target, e.Provider, e.Human,
				tx.d.timeArg(orNow(e.CreatedAt, now)))
			if err != nil {
				return dbError(err, "translation memory entry %q (%s to %s)", e.SourceHash, e.SourceLang, e.TargetLang)
			}
		}
		return nil
	})
}

// uniqueStrings returns list without repeats, in first-seen order, in a
// new slice.
func uniqueStrings(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := make([]string, 0, len(list))
	for _, v := range list {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
