// Package backup writes and restores Dateline's backup archives.
//
// An archive is one .tar.gz whose first entry is manifest.json, followed by
// the database and, on SQLite, the media and video files it refers to:
//
//	manifest.json     format, engine, schema version, time, rows per table,
//	                  and the size and SHA-256 of every entry that follows
//	dateline.db       SQLite: a consistent snapshot taken with VACUUM INTO
//	dateline.pgdump   PostgreSQL: pg_dump's custom format of the site's schema
//	media/ab/....jpg  SQLite: image renditions, named by content hash
//	video/....mp4     SQLite: uploaded video files, named by content hash
//
// On PostgreSQL images and videos live in the database, so the dump holds
// everything.
package backup

import (
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
)

// Names of the archive's fixed entries.
const (
	ManifestName = "manifest.json"
	SQLiteName   = "dateline.db"
	PGDumpName   = "dateline.pgdump"
)

// The format this package writes; a reader refuses any other.
const (
	formatName    = "dateline-backup"
	formatVersion = 1
)

// Engines a manifest may name.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// Manifest describes an archive. Restore checks every entry against it
// before anything reaches the target.
type Manifest struct {
	Format        string           `json:"format"`
	FormatVersion int              `json:"format_version"`
	Engine        string           `json:"engine"`
	SchemaVersion int              `json:"schema_version"`
	CreatedAt     time.Time        `json:"created_at"`
	Postgres      *PostgresInfo    `json:"postgres,omitempty"`
	Tables        map[string]int64 `json:"tables"` // rows per table, counted in the snapshot itself
	Files         []File           `json:"files"`  // every entry after the manifest, in archive order
}

// PostgresInfo says where a PostgreSQL dump came from.
type PostgresInfo struct {
	Schema        string `json:"schema"`          // restored under the same name
	ServerVersion string `json:"server_version"`  // e.g. "15.20"
	PGDumpMajor   int    `json:"pg_dump_major"`   // pg_restore must be at least this
	PGDumpVersion string `json:"pg_dump_version"` // as pg_dump --version printed it
}

// File is one archive entry after the manifest.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Bytes is the total size of the entries.
func (m Manifest) Bytes() int64 {
	var n int64
	for _, f := range m.Files {
		n += f.Size
	}
	return n
}

// Summary names what the backup holds in words an editor reads, e.g.
// "25 articles, 40 comments, 9 images, 3 video files, 8 staff".
func (m Manifest) Summary() string {
	parts := []string{}
	for _, t := range []struct{ table, noun string }{
		{"articles", "articles"},
		{"article_revisions", "revisions"},
		{"comments", "comments"},
		{"videos", "video stories"},
		{"media", "images"},
		{"video_files", "video files"},
		{"sections", "sections"},
		{"tags", "tags"},
		{"staff", "staff"},
	} {
		if n, ok := m.Tables[t.table]; ok {
			parts = append(parts, fmt.Sprintf("%d %s", n, t.noun))
		}
	}
	return strings.Join(parts, ", ")
}

// check reports what makes a manifest unusable, so a damaged or foreign
// archive is refused before anything is written.
func (m Manifest) check() error {
	if m.Format != formatName {
		return errors.New("it is not a Dateline backup (no dateline-backup manifest)")
	}
	if m.FormatVersion != formatVersion {
		return fmt.Errorf("its format version %d is not one this release reads (%d)", m.FormatVersion, formatVersion)
	}
	var dbName string
	switch m.Engine {
	case EngineSQLite:
		dbName = SQLiteName
	case EnginePostgres:
		dbName = PGDumpName
		if m.Postgres == nil || m.Postgres.Schema == "" {
			return errors.New("its manifest names no PostgreSQL schema")
		}
	default:
		return fmt.Errorf("its manifest names an unknown engine %q", m.Engine)
	}
	if m.SchemaVersion < 1 {
		return fmt.Errorf("its manifest gives schema version %d", m.SchemaVersion)
	}
	seen := map[string]bool{}
	for _, f := range m.Files {
		if seen[f.Name] {
			return fmt.Errorf("its manifest lists %s twice", f.Name)
		}
		seen[f.Name] = true
		if !validEntryName(m.Engine, f.Name) {
			return fmt.Errorf("its manifest lists an unexpected entry %q", f.Name)
		}
		if sum, err := hex.DecodeString(f.SHA256); err != nil || len(sum) != 32 || f.Size < 0 {
			return fmt.Errorf("its manifest gives %s a bad size or checksum", f.Name)
		}
	}
	if !seen[dbName] {
		return fmt.Errorf("its manifest lists no %s", dbName)
	}
	return nil
}

// validEntryName accepts the database entry of the engine and, on SQLite,
// plain relative paths under media/ or video/: nothing absolute, no "..",
// no hidden names, so extracting can never write outside its folder.
func validEntryName(engine, name string) bool {
	switch engine {
	case EngineSQLite:
		if name == SQLiteName {
			return true
		}
	case EnginePostgres:
		return name == PGDumpName
	}
	if !strings.HasPrefix(name, "media/") && !strings.HasPrefix(name, "video/") {
		return false
	}
	if path.Clean(name) != name || len(name) > 255 {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || strings.HasPrefix(part, ".") {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				return false
			}
		}
	}
	return true
}
