// Package apertium is the free, offline translation provider: Apertium's
// rule-based engines, reached either by running the apertium program on
// this machine (NewCLI) or over HTTP through an apertium-apy server
// (NewAPy).
//
// Both transports send texts in Apertium's HTML format, many texts per
// call: each text is wrapped in a numbered block, its placeholders are
// carried as inline HTML, and the answer is split back and checked block
// by block (see markup.go). A call holds at most MaxChars characters of
// encoded text (100,000 for the program, 20,000 per APy request); longer
// batches are split. The pairs offered are those installed: the program's
// mode list (apertium -l) or the server's /listPairs, read once and
// cached. Site language codes are matched to Apertium's ISO 639-3 (and
// older 639-1) codes; regional variants such as eng-cat_valencia are only
// used when configured.
package apertium
