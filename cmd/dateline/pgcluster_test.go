package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// pgCluster is a private, throw-away PostgreSQL server that a test may stop
// and start at will. The machine's shared PostgreSQL is never touched: other
// tests use it.
type pgCluster struct {
	t    *testing.T
	bin  string // folder of initdb, pg_ctl and postgres
	dir  string // owned by the server's user; holds data/, the socket and the log
	port int
	cred *syscall.Credential // whom to run the server as; nil for ourselves
}

// newPGCluster creates and starts a private cluster listening on a free
// port of 127.0.0.1, trusting local connections, and stops and removes it
// when the test ends. Without the PostgreSQL server binaries it skips, or
// fails under CI.
func newPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	bin := pgBinDir()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("the PostgreSQL server binaries (initdb, pg_ctl) are not installed: the outage test must run under CI")
		}
		t.Skip("PostgreSQL server binaries (initdb, pg_ctl) not found: skipping the outage test")
	}
	c := &pgCluster{t: t, bin: bin}
	dir, err := os.MkdirTemp("", "dateline-pg-*")
	if err != nil {
		t.Fatal(err)
	}
	c.dir = dir
	t.Cleanup(func() { os.RemoveAll(dir) })
	// initdb refuses to run as root; the server then runs as the postgres
	// user, which must own its folder.
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root, the private cluster needs the postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	c.port = freePort(t)
	c.run("initdb", "--pgdata", c.data(), "--username", "postgres", "--auth", "trust", "--no-sync", "--encoding", "UTF8", "--locale", "C")
	t.Cleanup(func() { c.pgCtl("stop", "-m", "immediate") })
	c.start()
	return c
}

// pgBinDir finds the folder of the server binaries: pg_config's, else the
// newest under /usr/lib/postgresql (Debian keeps them off PATH).
func pgBinDir() string {
	var dirs []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, string(trimNewline(out)))
	}
	if found, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(found) > 0 {
		for i := len(found) - 1; i >= 0; i-- {
			dirs = append(dirs, found[i])
		}
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d
		}
	}
	return ""
}

func trimNewline(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (c *pgCluster) data() string { return filepath.Join(c.dir, "data") }

// URL is the cluster's address for DATABASE_URL.
func (c *pgCluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// start starts the server and waits until it accepts connections.
func (c *pgCluster) start() {
	c.t.Helper()
	// fsync off: the test needs an outage, not durability, and the machine
	// is shared. The socket lives in the cluster's own folder.
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c fsync=off -c max_connections=50", c.port, c.dir)
	if out, err := c.pgCtl("start", "-w", "-t", "60", "-l", filepath.Join(c.dir, "server.log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		c.t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// stop stops the server in mode "fast" (sessions are ended, as in a
// planned restart) or "immediate" (as in a crash) and waits until it is gone.
func (c *pgCluster) stop(mode string) {
	c.t.Helper()
	if out, err := c.pgCtl("stop", "-w", "-t", "60", "-m", mode); err != nil {
		c.t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}

func (c *pgCluster) pgCtl(args ...string) ([]byte, error) {
	return c.command("pg_ctl", append([]string{"-D", c.data()}, args...)...).CombinedOutput()
}

func (c *pgCluster) run(name string, args ...string) {
	c.t.Helper()
	if out, err := c.command(name, args...).CombinedOutput(); err != nil {
		c.t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func (c *pgCluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LANG=C", "LC_ALL=C"}
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	return cmd
}
