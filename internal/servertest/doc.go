// Package servertest runs the whole server over a real store for the HTTP
// tests of every surface: New starts it with known content on one engine
// (with storetest.Each, on both), and Scenario is one request through the
// real router with the answer it must get. The helpers act as the people who
// use the site: a visitor (NewVisitor), a signed-in member of the newsroom
// (NewMember, LoginAs), a caller of the admin API with a token
// (NewTokenUser, CallAdminAPI).
//
// Only tests import it; it imports server, so the tests of the surfaces
// that server assembles (api, newsroom) live in external test packages.
package servertest
