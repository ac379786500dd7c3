package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// onlineBackup runs "dateline backup" once, cfg.backupAt into the load,
// against the running site, and prints how long it took and how large the
// archive is. It returns a problem to report, or "".
func onlineBackup(ctx context.Context, cfg settings) string {
	if !pause(ctx, cfg.backupAt) {
		return ""
	}
	dir, err := os.MkdirTemp("", "dateline-soak-backup-*")
	if err != nil {
		return "online backup: " + err.Error()
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "site.tar.gz")
	cmd := exec.Command(cfg.bin, "backup", file)
	cmd.Env = append(os.Environ(), "DATELINE_DATA_DIR="+cfg.dataDir, "DATABASE_URL="+cfg.dbURL)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		return fmt.Sprintf("online backup failed after %s: %v: %s", took.Round(time.Millisecond), err, out)
	}
	fi, err := os.Stat(file)
	if err != nil {
		return "online backup: " + err.Error()
	}
	fmt.Printf("   online backup at %s into the load: %s, %.1f MB\n", cfg.backupAt, took.Round(time.Millisecond), float64(fi.Size())/(1<<20))
	return ""
}
