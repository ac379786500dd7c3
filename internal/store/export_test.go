package store

// SearchDocID exposes searchDocID to the store_test package.
var SearchDocID = searchDocID

// MapError exposes mapError, so tests can feed it real driver errors.
var MapError = mapError
