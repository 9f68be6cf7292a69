// Command tlog-go checks a JIL transparency log with Go's reference implementation of the checksum-database
// transparency log (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog), code JIL did not write.
//
// It fetches <log>/checkpoint and the c2sp.org/tlog-tiles resources over HTTP and checks:
//   - checkpoint_signature: the signed note verifies with note.Open under the given verifier key, and its origin
//     is the expected one (c2sp.org/signed-note, c2sp.org/tlog-checkpoint);
//   - tree_hash: the root hash recomputed from the served tiles (plain reads, no authentication) with tlog.TreeHash
//     equals the checkpoint's;
//   - inclusion (-index): each entry, read from its entry bundle, has a proof built by tlog.ProveRecord over
//     tlog.TileHashReader (tiles authenticated against the checkpoint) that tlog.CheckRecord accepts;
//   - consistency (-old): an older signed checkpoint (a file) verifies and tlog.CheckTree accepts the proof from it
//     to the current one;
//   - proofs (-proof, repeatable): a c2sp.org/tlog-proof file verifies: its checkpoint with note.Open, the entry at
//     its index (read from the log's entry bundle) with tlog.CheckRecord against that checkpoint, and that checkpoint
//     with tlog.CheckTree against the log's current one;
//   - audit (-audit): every entry bundle hashes, with tlog.StoredHashes, to the checkpoint's root, and every tile the
//     tree has (tlog.NewTiles) is byte-identical to tlog.ReadTileData over those hashes.
//
// It prints one JSON line with the results and exits 0 when every requested check passed, 1 otherwise, 2 on usage
// errors. Example:
//
//	go run . -log http://127.0.0.1:8787/log -vkey 'jil.example/log+1a2b3c4d+AQ…' -index 0,17,299 -old old.checkpoint -proof psa-17.tlog-proof -audit
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8 // c2sp.org/tlog-tiles: 256 hashes per tile

type checkpoint struct {
	Origin string
	Tree   tlog.Tree
}

type inclusionResult struct {
	Index    int64  `json:"index"`
	LeafHash string `json:"leaf_hash,omitempty"`
	OK       bool   `json:"ok"`
	Error    string `json:"error,omitempty"`
}

type consistencyResult struct {
	OldSize int64  `json:"old_size"`
	OldRoot string `json:"old_root_hash,omitempty"`
	OK      bool   `json:"ok"`
	Error   string `json:"error,omitempty"`
}

type proofResult struct {
	File     string `json:"file"`
	Index    int64  `json:"index"`
	TreeSize int64  `json:"tree_size"`
	OK       bool   `json:"ok"`
	Error    string `json:"error,omitempty"`
}

type auditResult struct {
	Entries int64  `json:"entries"`
	Tiles   int    `json:"tiles"`
	OK      bool   `json:"ok"`
	Error   string `json:"error,omitempty"`
}

type report struct {
	OK                  bool               `json:"ok"`
	Log                 string             `json:"log"`
	Origin              string             `json:"origin,omitempty"`
	TreeSize            int64              `json:"tree_size"`
	RootHash            string             `json:"root_hash,omitempty"`
	CheckpointSignature string             `json:"checkpoint_signature"`
	TreeHash            string             `json:"tree_hash,omitempty"`
	Inclusion           []inclusionResult  `json:"inclusion,omitempty"`
	Consistency         *consistencyResult `json:"consistency,omitempty"`
	Proofs              []proofResult      `json:"proofs,omitempty"`
	Audit               *auditResult       `json:"audit,omitempty"`
	Fetches             int                `json:"fetches"`
	Error               string             `json:"error,omitempty"`
}

func main() {
	logURL := flag.String("log", "", "log prefix URL, e.g. http://127.0.0.1:8787/log (required)")
	vkey := flag.String("vkey", "", "the log's verifier key <name>+<hex key ID>+<base64(0x01||key)> (required)")
	origin := flag.String("origin", "", "expected checkpoint origin (default: the verifier key's name)")
	indexes := flag.String("index", "", "comma-separated entry indexes whose inclusion to check")
	old := flag.String("old", "", "file holding an older signed checkpoint to check consistency with")
	var proofs []string
	flag.Func("proof", "a c2sp.org/tlog-proof file to verify (repeatable)", func(s string) error { proofs = append(proofs, s); return nil })
	audit := flag.Bool("audit", false, "fetch every entry bundle and tile and recompute everything")
	timeout := flag.Duration("timeout", 20*time.Second, "timeout of each HTTP request")
	flag.Parse()
	if *logURL == "" || *vkey == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: tlog-go -log URL -vkey VKEY [-origin ORIGIN] [-index 0,1,2] [-old FILE] [-proof FILE]... [-audit]")
		os.Exit(2)
	}
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tlog-go: -vkey: %v\n", err)
		os.Exit(2)
	}
	want := *origin
	if want == "" {
		want = verifier.Name()
	}
	var idx []int64
	if *indexes != "" {
		for _, s := range strings.Split(*indexes, ",") {
			i, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || i < 0 {
				fmt.Fprintf(os.Stderr, "tlog-go: -index: bad index %q\n", s)
				os.Exit(2)
			}
			idx = append(idx, i)
		}
	}

	f := &fetcher{base: strings.TrimSuffix(*logURL, "/"), client: &http.Client{Timeout: *timeout}}
	r := run(f, verifier, want, idx, *old, proofs, *audit)
	r.Log = f.base
	r.Fetches = f.count
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
	if !r.OK {
		os.Exit(1)
	}
}

func run(f *fetcher, verifier note.Verifier, origin string, indexes []int64, oldFile string, proofs []string, audit bool) (r report) {
	r.CheckpointSignature = "failed"
	msg, err := f.get("checkpoint")
	if err != nil {
		r.Error = err.Error()
		return r
	}
	cp, err := openCheckpoint(msg, verifier, origin)
	if err != nil {
		r.Error = "checkpoint: " + err.Error()
		return r
	}
	r.CheckpointSignature = "ok"
	r.Origin, r.TreeSize, r.RootHash = cp.Origin, cp.Tree.N, cp.Tree.Hash.String()
	ok := true

	tiles := &tileReader{f: f}
	if cp.Tree.N > 0 {
		th, err := tlog.TreeHash(cp.Tree.N, &plainTileHashReader{f: f, size: cp.Tree.N})
		switch {
		case err != nil:
			r.TreeHash, ok = "error: "+err.Error(), false
		case th != cp.Tree.Hash:
			r.TreeHash, ok = "mismatch: tiles give "+th.String(), false
		default:
			r.TreeHash = "ok"
		}
	} else if cp.Tree.Hash != tlog.Hash(sha256.Sum256(nil)) {
		r.TreeHash, ok = "mismatch: size 0 needs the empty-tree hash", false
	} else {
		r.TreeHash = "ok"
	}
	hr := tlog.TileHashReader(cp.Tree, tiles)

	for _, i := range indexes {
		res := inclusionResult{Index: i}
		if err := checkInclusion(f, hr, cp.Tree, i, &res); err != nil {
			res.Error, ok = err.Error(), false
		} else {
			res.OK = true
		}
		r.Inclusion = append(r.Inclusion, res)
	}

	if oldFile != "" {
		res := &consistencyResult{}
		if err := checkConsistency(oldFile, verifier, origin, hr, cp.Tree, res); err != nil {
			res.Error, ok = err.Error(), false
		} else {
			res.OK = true
		}
		r.Consistency = res
	}

	for _, file := range proofs {
		res := proofResult{File: file}
		if err := checkProofFile(f, file, verifier, origin, hr, cp.Tree, &res); err != nil {
			res.Error, ok = err.Error(), false
		} else {
			res.OK = true
		}
		r.Proofs = append(r.Proofs, res)
	}

	if audit {
		res := &auditResult{}
		if err := auditLog(f, cp.Tree, res); err != nil {
			res.Error, ok = err.Error(), false
		} else {
			res.OK = true
		}
		r.Audit = res
	}
	r.OK = ok
	return r
}

// openCheckpoint verifies a signed checkpoint with note.Open and parses its body (c2sp.org/tlog-checkpoint).
func openCheckpoint(msg []byte, verifier note.Verifier, origin string) (checkpoint, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, err
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, errors.New("body has fewer than three lines")
	}
	for _, l := range lines {
		if l == "" {
			return checkpoint{}, errors.New("body has an empty line")
		}
	}
	if lines[0] != origin {
		return checkpoint{}, fmt.Errorf("origin %q, want %q", lines[0], origin)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return checkpoint{}, fmt.Errorf("bad tree size %q", lines[1])
	}
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, fmt.Errorf("bad root hash %q", lines[2])
	}
	var h tlog.Hash
	copy(h[:], root)
	return checkpoint{Origin: lines[0], Tree: tlog.Tree{N: size, Hash: h}}, nil
}

func checkInclusion(f *fetcher, hr tlog.HashReader, tree tlog.Tree, i int64, res *inclusionResult) error {
	if i >= tree.N {
		return fmt.Errorf("index %d is not below the tree size %d", i, tree.N)
	}
	entries, err := f.bundle(i/256, tree.N)
	if err != nil {
		return err
	}
	leaf := tlog.RecordHash(entries[i%256])
	res.LeafHash = leaf.String()
	proof, err := tlog.ProveRecord(tree.N, i, hr)
	if err != nil {
		return fmt.Errorf("ProveRecord: %w", err)
	}
	if err := tlog.CheckRecord(proof, tree.N, tree.Hash, i, leaf); err != nil {
		return fmt.Errorf("CheckRecord: %w", err)
	}
	return nil
}

func checkConsistency(file string, verifier note.Verifier, origin string, hr tlog.HashReader, tree tlog.Tree, res *consistencyResult) error {
	msg, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	old, err := openCheckpoint(msg, verifier, origin)
	if err != nil {
		return fmt.Errorf("old checkpoint: %w", err)
	}
	res.OldSize, res.OldRoot = old.Tree.N, old.Tree.Hash.String()
	switch {
	case old.Tree.N > tree.N:
		return fmt.Errorf("old size %d exceeds the current size %d", old.Tree.N, tree.N)
	case old.Tree.N == 0:
		if old.Tree.Hash != tlog.Hash(sha256.Sum256(nil)) {
			return errors.New("old checkpoint of size 0 has a root other than the empty-tree hash")
		}
		return nil
	}
	proof, err := tlog.ProveTree(tree.N, old.Tree.N, hr)
	if err != nil {
		return fmt.Errorf("ProveTree: %w", err)
	}
	if err := tlog.CheckTree(proof, tree.N, tree.Hash, old.Tree.N, old.Tree.Hash); err != nil {
		return fmt.Errorf("CheckTree: %w", err)
	}
	return nil
}

// checkProofFile verifies a c2sp.org/tlog-proof file: c2sp.org/tlog-proof@v1, optional "extra <base64>",
// "index <n>", inclusion proof hashes (base64, one per line), an empty line, then the signed checkpoint.
func checkProofFile(f *fetcher, file string, verifier note.Verifier, origin string, hr tlog.HashReader, tree tlog.Tree, res *proofResult) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text := string(data)
	next := func() (string, error) {
		line, rest, found := strings.Cut(text, "\n")
		if !found {
			return "", errors.New("proof ends before the checkpoint")
		}
		text = rest
		return line, nil
	}
	if line, err := next(); err != nil || line != "c2sp.org/tlog-proof@v1" {
		return errors.New("first line is not c2sp.org/tlog-proof@v1")
	}
	line, err := next()
	if err != nil {
		return err
	}
	if strings.HasPrefix(line, "extra ") {
		if _, err := base64.StdEncoding.Strict().DecodeString(strings.TrimPrefix(line, "extra ")); err != nil {
			return errors.New("bad extra line")
		}
		if line, err = next(); err != nil {
			return err
		}
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(line, "index "), 10, 64)
	if !strings.HasPrefix(line, "index ") || err != nil || index < 0 || "index "+strconv.FormatInt(index, 10) != line {
		return fmt.Errorf("bad index line %q", line)
	}
	res.Index = index
	var proof tlog.RecordProof
	for {
		line, err := next()
		if err != nil {
			return err
		}
		if line == "" {
			break
		}
		h, err := tlog.ParseHash(line)
		if err != nil {
			return fmt.Errorf("bad proof hash %q", line)
		}
		proof = append(proof, h)
	}
	cp, err := openCheckpoint([]byte(text), verifier, origin)
	if err != nil {
		return fmt.Errorf("proof checkpoint: %w", err)
	}
	res.TreeSize = cp.Tree.N
	if cp.Tree.N > tree.N || index >= cp.Tree.N {
		return fmt.Errorf("proof for index %d in tree %d does not fit the log's tree %d", index, cp.Tree.N, tree.N)
	}
	entries, err := f.bundle(index/256, tree.N)
	if err != nil {
		return err
	}
	if err := tlog.CheckRecord(proof, cp.Tree.N, cp.Tree.Hash, index, tlog.RecordHash(entries[index%256])); err != nil {
		return fmt.Errorf("CheckRecord: %w", err)
	}
	if cp.Tree.N < tree.N {
		tp, err := tlog.ProveTree(tree.N, cp.Tree.N, hr)
		if err != nil {
			return fmt.Errorf("ProveTree: %w", err)
		}
		if err := tlog.CheckTree(tp, tree.N, tree.Hash, cp.Tree.N, cp.Tree.Hash); err != nil {
			return fmt.Errorf("proof checkpoint is not consistent with the log's: %w", err)
		}
	} else if cp.Tree.Hash != tree.Hash {
		return errors.New("proof checkpoint has the log's size but another root")
	}
	return nil
}

// auditLog rebuilds the whole tree from the entry bundles and compares the root and every served tile.
func auditLog(f *fetcher, tree tlog.Tree, res *auditResult) error {
	var stored []tlog.Hash
	mem := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for k, x := range indexes {
			if x < 0 || x >= int64(len(stored)) {
				return nil, fmt.Errorf("stored hash %d not computed", x)
			}
			out[k] = stored[x]
		}
		return out, nil
	})
	for n := int64(0); n*256 < tree.N; n++ {
		entries, err := f.bundle(n, tree.N)
		if err != nil {
			return err
		}
		for k, e := range entries {
			hs, err := tlog.StoredHashes(n*256+int64(k), e, mem)
			if err != nil {
				return err
			}
			stored = append(stored, hs...)
			res.Entries++
		}
	}
	th, err := tlog.TreeHash(tree.N, mem)
	if err != nil {
		return err
	}
	if th != tree.Hash {
		return fmt.Errorf("entries hash to %v, checkpoint has %v", th, tree.Hash)
	}
	for _, t := range tlog.NewTiles(tileHeight, 0, tree.N) {
		want, err := tlog.ReadTileData(t, mem)
		if err != nil {
			return err
		}
		got, err := f.get(tilePath(t))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("%s differs from the tile the entries give", tilePath(t))
		}
		res.Tiles++
	}
	return nil
}

// tilePath is the c2sp.org/tlog-tiles path of a hash tile: tile/<L>/<N>[.p/<W>] (Go's sumdb path has the height in
// it, tile/8/<L>/…, so it is not used). N is written in 3-digit elements, all but the last prefixed with x.
func tilePath(t tlog.Tile) string {
	return "tile/" + strconv.Itoa(t.L) + "/" + indexPath(t.N, t.W)
}

func indexPath(n int64, w int) string {
	s := fmt.Sprintf("%03d", n%1000)
	for n /= 1000; n > 0; n /= 1000 {
		s = fmt.Sprintf("x%03d/%s", n%1000, s)
	}
	if w != 1<<tileHeight {
		s += ".p/" + strconv.Itoa(w)
	}
	return s
}

// servedTile is the tile holding stored hash x as the log serves it for a tree of the given size: full, or the
// partial tile of width floor(size/256^L) mod 256.
func servedTile(x int64, size int64) tlog.Tile {
	t := tlog.TileForIndex(tileHeight, x)
	count := size >> uint(t.L*tileHeight) // hashes at tree level 8L
	if w := count - t.N<<tileHeight; w < 1<<tileHeight {
		t.W = int(w)
	} else {
		t.W = 1 << tileHeight
	}
	return t
}

// plainTileHashReader reads stored hashes straight from tiles, trusting them: used to recompute the tree hash
// independently of the checkpoint.
type plainTileHashReader struct {
	f    *fetcher
	size int64
}

func (r *plainTileHashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for k, x := range indexes {
		t := servedTile(x, r.size)
		data, err := r.f.get(tilePath(t))
		if err != nil {
			return nil, err
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%s has %d bytes, want %d", tilePath(t), len(data), t.W*tlog.HashSize)
		}
		if out[k], err = tlog.HashFromTile(t, data, x); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tileReader serves tlog.TileHashReader from the log's tiles over HTTP.
type tileReader struct{ f *fetcher }

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for k, t := range tiles {
		data, err := r.f.get(tilePath(t))
		if err != nil {
			return nil, err
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%s has %d bytes, want %d", tilePath(t), len(data), t.W*tlog.HashSize)
		}
		out[k] = data
	}
	return out, nil
}

func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

type fetcher struct {
	base   string
	client *http.Client
	count  int
	cache  map[string][]byte
}

// get fetches <base>/<path> once (resources are immutable, except the checkpoint, fetched once per run). No retries.
func (f *fetcher) get(path string) ([]byte, error) {
	if data, ok := f.cache[path]; ok {
		return data, nil
	}
	f.count++
	resp, err := f.client.Get(f.base + "/" + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<24))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	if f.cache == nil {
		f.cache = map[string][]byte{}
	}
	f.cache[path] = data
	return data, nil
}

// bundle fetches and parses entry bundle n of a tree of the given size (big-endian uint16 length-prefixed entries).
func (f *fetcher) bundle(n, size int64) ([][]byte, error) {
	w := size - n*256
	if w > 256 {
		w = 256
	}
	path := "tile/entries/" + indexPath(n, int(w))
	data, err := f.get(path)
	if err != nil {
		return nil, err
	}
	var entries [][]byte
	br := bufio.NewReader(bytes.NewReader(data))
	for {
		var l [2]byte
		if _, err := io.ReadFull(br, l[:]); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: truncated length", path)
		}
		e := make([]byte, int(l[0])<<8|int(l[1]))
		if _, err := io.ReadFull(br, e); err != nil {
			return nil, fmt.Errorf("%s: truncated entry", path)
		}
		entries = append(entries, e)
	}
	if int64(len(entries)) != w {
		return nil, fmt.Errorf("%s holds %d entries, want %d", path, len(entries), w)
	}
	return entries, nil
}
