package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"dateline/internal/backup"
	"dateline/internal/config"
	"dateline/internal/store"
)

// backupCommand runs "dateline backup [--force] FILE" and
// "dateline restore [--force] FILE" against the configured database.
func backupCommand(ctx context.Context, cmd string, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("dateline "+cmd, flag.ContinueOnError)
	var o backup.Options
	if cmd == "backup" {
		fs.BoolVar(&o.Force, "force", false, "replace FILE if it exists")
	} else {
		fs.BoolVar(&o.Force, "force", false, "restore into a data folder or schema that is not empty, setting its contents aside")
	}
	fs.StringVar(&o.Tools.PGDump, "pg-dump", "pg_dump", "PostgreSQL only: the pg_dump program to run")
	fs.StringVar(&o.Tools.PGRestore, "pg-restore", "pg_restore", "PostgreSQL only: the pg_restore program to run")
	cfg, file, err := loadWithFile(getenv, fs, args)
	if err != nil {
		return err
	}
	opts := store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, MaxConns: cfg.DBMaxConns}
	if cmd == "backup" {
		m, err := backup.Create(ctx, opts, file, o)
		if err != nil {
			return err
		}
		fi, err := os.Stat(file)
		if err != nil {
			return err
		}
		what := fmt.Sprintf("and %d media files", len(m.Files)-1)
		if m.Engine == backup.EnginePostgres {
			what = "(images and videos included)"
		}
		fmt.Fprintf(stdout, "Backed up the %s database at schema version %d %s to %s (%s):\n  %s\n",
			m.Engine, m.SchemaVersion, what, file, sizeText(fi.Size()), m.Summary())
		return nil
	}
	rep, err := backup.Restore(ctx, opts, file, o)
	if err != nil {
		return err
	}
	m := rep.Manifest
	fmt.Fprintf(stdout, "Restored %s (a %s backup made %s at schema version %d) into %s:\n  %s\n",
		file, m.Engine, m.CreatedAt.Format("2006-01-02 15:04 MST"), m.SchemaVersion, rep.Target, m.Summary())
	if rep.ToVersion != rep.FromVersion {
		fmt.Fprintf(stdout, "Migrated the schema from version %d to %d.\n", rep.FromVersion, rep.ToVersion)
	}
	if rep.SetAside != "" {
		fmt.Fprintf(stdout, "What was there before is now %s; delete it once the restored site checks out.\n", rep.SetAside)
	}
	fmt.Fprintln(stdout, "Start the site with: dateline serve")
	return nil
}

// loadWithFile reads the configuration and the one FILE argument, which
// comes after the flags.
func loadWithFile(getenv func(string) string, fs *flag.FlagSet, args []string) (config.Config, string, error) {
	cfg, err := config.Load(getenv, fs, args)
	if err != nil {
		return cfg, "", err
	}
	if fs.NArg() != 1 {
		return cfg, "", errors.New("usage: " + fs.Name() + " [flags] FILE (flags first, then one archive file such as dateline-2024-05-01.tar.gz)")
	}
	return cfg, fs.Arg(0), nil
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
}
