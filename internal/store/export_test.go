package store

// SearchDocID exposes searchDocID to the store_test package.
var SearchDocID = searchDocID
