//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

// lockFile is a no-op where flock is unavailable: there, nothing stops a
// restore from running under a server, and the README says to stop it first.
func lockFile(path string, shared bool) (func(), error) { return func() {}, nil }
