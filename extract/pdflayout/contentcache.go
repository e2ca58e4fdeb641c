package pdflayout

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"reflect"
	"slices"

	"github.com/ledongthuc/pdf"
)

// docCache is what the content streams of one document share across its
// pages. The library resolves an indirect object by parsing it again on
// every lookup (and a whole object stream for an object inside one), so
// resources, fonts and XObjects are looked up once per document; a Form
// XObject drawn on every page (a logo, a running header) is inflated once.
type docCache struct {
	fonts fontCache
	// resources are keyed by the object number a resource dictionary was
	// read from: its own, or that of the page or form holding it.
	resources map[uint32]*resources
	xobjects  map[uint32]*xobject
	// formBytes counts the decoded form bytes kept, up to maxFormCacheBytes.
	formBytes int
	// bufs and lexers are reused across pages, one per form depth (a form
	// runs while the content that draws it is still being read).
	bufs   [][]byte
	lexers []*contentLexer
	// file is the PDF the library reads, for streams read directly.
	file []byte
	// inflate and raw are reused for every deflated content stream (the
	// library allocates a new inflater, 40 KB, for each).
	inflate io.ReadCloser
	raw     bytes.Reader
}

// maxFormCacheBytes bounds the decoded Form XObject bytes kept for one
// document; forms beyond it are inflated at each use.
const maxFormCacheBytes = 16 << 20

func newDocCache(file []byte) *docCache {
	return &docCache{
		file:      file,
		fonts:     fontCache{},
		resources: map[uint32]*resources{},
		xobjects:  map[uint32]*xobject{},
	}
}

// resources are the named resources a content stream runs with, and what
// has been looked up in them: Tf, Do and BDC name the same few resources
// thousands of times a document.
type resources struct {
	v        pdf.Value
	fonts    map[string]*font
	xobjects map[string]*xobject
	mcids    map[string]mcidEntry
}

// mcidEntry is a /Properties entry's MCID, ok false when it has none.
type mcidEntry struct {
	id int
	ok bool
}

// resourcesOf returns the resources for dictionary v, shared by every
// page and form that uses the same dictionary object.
func (dc *docCache) resourcesOf(v pdf.Value) *resources {
	id := objectNumber(v)
	if r, ok := dc.resources[id]; ok && id != 0 {
		return r
	}
	r := &resources{v: v, fonts: map[string]*font{}, xobjects: map[string]*xobject{}, mcids: map[string]mcidEntry{}}
	if id != 0 {
		dc.resources[id] = r
	}
	return r
}

// buf returns the reusable decode buffer of form depth depth, emptied.
func (dc *docCache) buf(depth int) []byte {
	for len(dc.bufs) <= depth {
		dc.bufs = append(dc.bufs, nil)
	}
	return dc.bufs[depth][:0]
}

// lexer returns the reusable lexer of form depth depth.
func (dc *docCache) lexer(depth int) *contentLexer {
	for len(dc.lexers) <= depth {
		dc.lexers = append(dc.lexers, &contentLexer{})
	}
	return dc.lexers[depth]
}

type xobjectKind uint8

const (
	xobjectOther xobjectKind = iota
	xobjectImage
	xobjectForm
)

// xobject is an XObject as Do needs it.
type xobject struct {
	kind      xobjectKind
	v         pdf.Value
	matrix    matrix
	hasMatrix bool
	// res are a form's own resources; nil to run with the caller's.
	res *resources
	// data are a form's decoded content, once kept.
	data   []byte
	cached bool
}

// xobject returns the XObject res names name, nil when there is none.
func (in *interpreter) xobject(res *resources, name []byte) *xobject {
	if x, ok := res.xobjects[string(name)]; ok {
		return x
	}
	key := string(name)
	v := res.v.Key("XObject").Key(key)
	x := in.cache.xobjectOf(v)
	res.xobjects[key] = x
	return x
}

// xobjectOf reads the XObject stream v, once per object.
func (dc *docCache) xobjectOf(v pdf.Value) *xobject {
	if v.Kind() != pdf.Stream {
		return nil
	}
	id := objectNumber(v)
	if x, ok := dc.xobjects[id]; ok && id != 0 {
		return x
	}
	x := &xobject{v: v}
	switch v.Key("Subtype").Name() {
	case "Image":
		x.kind = xobjectImage
	case "Form":
		x.kind = xobjectForm
		if m := v.Key("Matrix"); m.Len() == 6 {
			x.matrix = matrix{m.Index(0).Float64(), m.Index(1).Float64(), m.Index(2).Float64(),
				m.Index(3).Float64(), m.Index(4).Float64(), m.Index(5).Float64()}
			x.hasMatrix = true
		}
		if r := v.Key("Resources"); r.Kind() == pdf.Dict {
			x.res = dc.resourcesOf(r)
		}
	}
	if id != 0 {
		dc.xobjects[id] = x
	}
	return x
}

// formContent is a form's decoded content: kept from an earlier use, or
// decoded now (and kept while the cache has room). Kept or not, its size
// counts against the page's MaxContentBytes.
func (in *interpreter) formContent(x *xobject) []byte {
	if x.cached {
		in.addBytes(int64(len(x.data)))
		return x.data
	}
	dc := in.cache
	buf := in.decode(dc.buf(in.depth), x.v)
	dc.bufs[in.depth] = buf
	if dc.formBytes+len(buf) <= maxFormCacheBytes {
		x.data, x.cached = slices.Clone(buf), true
		dc.formBytes += len(buf)
	}
	return buf
}

// decode appends the decoded bytes of stream s to buf, counting them
// against MaxContentBytes as they come, so that a decompression bomb
// stops at the limit.
func (in *interpreter) decode(buf []byte, s pdf.Value) []byte {
	rd := in.cache.streamReader(s)
	defer rd.Close()
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(4096, cap(buf)))
		}
		// Read one byte past the limit at most: enough to know it is passed.
		end := cap(buf)
		if room := in.opts.MaxContentBytes - in.bytes; int64(end-len(buf))-1 > room {
			end = len(buf) + int(room) + 1
		}
		n, err := rd.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		in.addBytes(int64(n))
		if err == io.EOF {
			return buf
		}
		if err != nil {
			panic(fmt.Errorf("content stream: %w", err))
		}
	}
}

// addBytes counts decoded content bytes against MaxContentBytes.
func (in *interpreter) addBytes(n int64) {
	in.bytes += n
	if in.bytes > in.opts.MaxContentBytes {
		panic(fmt.Errorf("%w: content streams over %d bytes", ErrLimit, in.opts.MaxContentBytes))
	}
}

// streamReader reads stream s decoded: a stream with no filter or
// FlateDecode alone (what content streams almost always are) directly
// from the file, others through the library.
func (dc *docCache) streamReader(s pdf.Value) io.ReadCloser {
	raw, ok := rawStream(dc.file, s)
	if !ok {
		return s.Reader()
	}
	dc.raw.Reset(raw)
	if len(raw) == 0 || s.Key("Filter").Kind() == pdf.Null {
		return io.NopCloser(&dc.raw) // the library skips filters on empty streams too
	}
	if dc.inflate == nil {
		zr, err := zlib.NewReader(&dc.raw)
		if err != nil {
			panic(err) // as the library does
		}
		dc.inflate = zr
	} else if err := dc.inflate.(zlib.Resetter).Reset(&dc.raw, nil); err != nil {
		panic(err)
	}
	return io.NopCloser(dc.inflate)
}

// rawStream returns the undecoded bytes of stream s when it can be decoded
// here: unencrypted, and with no filter or /FlateDecode alone without
// parameters. The library keeps a stream's offset unexported; it is read
// as objectNumber reads object numbers, and the bytes are those the
// library's Reader would read (/Length of them, or up to the end).
func rawStream(file []byte, s pdf.Value) ([]byte, bool) {
	if file == nil || s.Kind() != pdf.Stream {
		return nil, false
	}
	switch f := s.Key("Filter"); {
	case f.Kind() == pdf.Null:
	case f.Kind() == pdf.Name && f.Name() == "FlateDecode" && s.Key("DecodeParms").Kind() == pdf.Null:
	default:
		return nil, false
	}
	v := reflect.ValueOf(s)
	r := v.FieldByName("r")
	if r.Kind() != reflect.Pointer || r.IsNil() {
		return nil, false
	}
	if key := r.Elem().FieldByName("key"); key.Kind() != reflect.Slice || key.Len() != 0 {
		return nil, false // encrypted (or not the library we know)
	}
	d := v.FieldByName("data")
	if d.Kind() != reflect.Interface || d.IsNil() {
		return nil, false
	}
	off := d.Elem().FieldByName("offset")
	if !off.IsValid() || !off.CanInt() {
		return nil, false
	}
	start, n := off.Int(), s.Key("Length").Int64()
	if start < 0 || start > int64(len(file)) || n < 0 {
		return nil, false
	}
	return file[start:min(start+n, int64(len(file)))], true
}
