// Package news holds Byline's domain: articles, authors, tags, site settings,
// users and tokens, the filters used to find them, the storage interface and
// the error model. It imports nothing else from this module; every other
// package depends inward on it.
package news
