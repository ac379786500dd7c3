package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"dateline/internal/auth"
	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/store"
)

// staffTokens are the admin API tokens the staff actors use.
type staffTokens struct {
	editor, moderator string
}

// prepare fills an empty database with the demo site and creates an editor
// and a moderator with API tokens, as an admin would on the account page.
func prepare(ctx context.Context, opts store.Options, videos bool) (staffTokens, error) {
	var t staffTokens
	st, err := store.Open(ctx, opts)
	if err != nil {
		return t, err
	}
	defer st.Close()
	seeded, err := demo.Seed(ctx, st, markup.New(), time.Now())
	if err != nil {
		return t, err
	}
	if !seeded {
		return t, errors.New("the database already holds a site: the soak needs an empty one")
	}
	if videos {
		if err := demo.SeedVideos(ctx, st, time.Now(), time.UTC); err != nil {
			return t, err
		}
	}
	for _, who := range []struct {
		role  auth.Role
		token *string
	}{{auth.Editor, &t.editor}, {auth.Moderator, &t.moderator}} {
		acc := store.Account{Name: "Soak " + string(who.role), Email: "soak." + string(who.role) + "@dateline.example",
			Role: string(who.role), PasswordHash: "-"}
		ch := store.Change{Actor: "soak", Action: "create"}
		if err := st.CreateAccount(ctx, &acc, ch); err != nil {
			return t, err
		}
		token, hash := auth.NewToken("dlt_")
		if _, err := st.CreateToken(ctx, acc.ID, "soak", hash, ch); err != nil {
			return t, err
		}
		*who.token = token
	}
	return t, nil
}

// serverProcess is a dateline process started for the soak.
type serverProcess struct {
	cmd    *exec.Cmd
	base   string
	exited chan error
	once   sync.Once
	err    error
}

// freePort asks the kernel for a loopback port nobody is using.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// startServer runs "dateline serve" on a loopback port with the soak as its
// trusted proxy, and waits until /healthz answers.
func startServer(bin string, opts store.Options, logPath string) (*serverProcess, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--addr", addr, "--base-url", "http://"+addr)
	// The last value of a variable wins, so these replace any inherited.
	cmd.Env = append(os.Environ(), "DATELINE_DATA_DIR="+opts.DataDir, "DATABASE_URL="+opts.DatabaseURL,
		"DATELINE_TRUSTED_PROXIES=127.0.0.1", "DATELINE_METRICS_TOKEN="+metricsToken)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, err
	}
	s := &serverProcess{cmd: cmd, base: "http://" + addr, exited: make(chan error, 1)}
	go func() { s.exited <- cmd.Wait(); log.Close() }()
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		select {
		case err := <-s.exited:
			return nil, fmt.Errorf("dateline stopped at start-up (%v); see %s", err, logPath)
		default:
		}
		if resp, err := http.Get(s.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
	}
	s.stop()
	return nil, fmt.Errorf("dateline did not answer /healthz within 2 minutes; see %s", logPath)
}

// stop sends SIGTERM, as a service manager would, and waits for a clean
// exit; a server still running after 30 s is killed and that is an error.
func (s *serverProcess) stop() error {
	s.once.Do(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-s.exited:
			if err != nil {
				s.err = fmt.Errorf("dateline exited with %v after SIGTERM", err)
			}
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
			s.err = errors.New("dateline did not stop within 30 s of SIGTERM")
		}
	})
	return s.err
}

// memorySample is the server's memory at one moment of the run.
type memorySample struct {
	at       time.Duration
	rssBytes int64 // resident set, from /proc/PID/status
	heap     int64 // Go heap in use, from /metrics; -1 if unreadable
	// pressure is the share of the last 10 s in which some task on the
	// machine waited for a CPU (/proc/pressure/cpu; -1 if unreadable): high
	// values mean other work on the machine, not Dateline, set the latencies.
	pressure float64
}

// cpuPressure reads "some avg10" from /proc/pressure/cpu.
func cpuPressure() float64 {
	data, err := os.ReadFile("/proc/pressure/cpu")
	if err != nil {
		return -1
	}
	for _, f := range strings.Fields(string(data)) {
		if v, ok := strings.CutPrefix(f, "avg10="); ok {
			p, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return p
			}
		}
	}
	return -1
}

// rss reads a process's resident memory from /proc/PID/status.
func rss(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			fields := strings.Fields(rest) // "123456 kB"
			if len(fields) == 2 && fields[1] == "kB" {
				kb, err := strconv.ParseInt(fields[0], 10, 64)
				return kb << 10, err
			}
		}
	}
	return 0, errors.New("no VmRSS line in /proc/PID/status")
}

// metricsToken is the DATELINE_METRICS_TOKEN the soak gives its server:
// /metrics is not public.
const metricsToken = "soak-metrics-token-0123456789"

// heapInUse reads go_memstats_heap_inuse_bytes from the server's metrics.
func heapInUse(c *http.Client, base string) int64 {
	req, err := http.NewRequest("GET", base+"/metrics", nil)
	if err != nil {
		return -1
	}
	req.Header.Set("Authorization", "Bearer "+metricsToken)
	resp, err := c.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "go_memstats_heap_inuse_bytes "); ok {
			v, err := strconv.ParseFloat(rest, 64)
			if err == nil {
				return int64(v)
			}
		}
	}
	return -1
}

// sampleMemory records the server's memory every interval until ctx ends,
// once at the start and once at the end.
func sampleMemory(ctx context.Context, pid int, c *http.Client, base string, every time.Duration) []memorySample {
	start := time.Now()
	var out []memorySample
	take := func() {
		r, err := rss(pid)
		if err != nil {
			r = -1
		}
		out = append(out, memorySample{at: time.Since(start), rssBytes: r, heap: heapInUse(c, base), pressure: cpuPressure()})
	}
	take()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			take()
			return out
		case <-t.C:
			take()
		}
	}
}
