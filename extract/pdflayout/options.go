package pdflayout

// Options caps what one document may cost. Zero fields take the defaults of
// DefaultOptions, so the zero Options is safe for untrusted input.
type Options struct {
	// MaxPages is the most pages read; later pages are left out and reported.
	MaxPages int
	// MaxContentBytes caps the decoded size of one page's content streams
	// (Form XObjects included).
	MaxContentBytes int64
	// MaxOperators caps the content-stream operators run on one page.
	MaxOperators int
	// MaxStructElems caps the structure elements read from a tagged PDF's
	// structure tree; beyond it the document is read by geometry instead.
	MaxStructElems int
	// MaxFormDepth caps how deeply Form XObjects may nest.
	MaxFormDepth int
	// MaxObjects caps the objects a file's cross-reference table may
	// declare (the parser allocates an entry for each).
	MaxObjects int
	// MaxFileBytes caps the size of the file read.
	MaxFileBytes int64
}

// DefaultOptions are the limits used for zero fields of Options.
var DefaultOptions = Options{
	MaxPages:        2000,
	MaxContentBytes: 64 << 20,
	MaxOperators:    2_000_000,
	MaxStructElems:  200_000,
	MaxFormDepth:    8,
	MaxObjects:      2_000_000,
	MaxFileBytes:    512 << 20,
}

func (o Options) withDefaults() Options {
	d := DefaultOptions
	if o.MaxPages > 0 {
		d.MaxPages = o.MaxPages
	}
	if o.MaxContentBytes > 0 {
		d.MaxContentBytes = o.MaxContentBytes
	}
	if o.MaxOperators > 0 {
		d.MaxOperators = o.MaxOperators
	}
	if o.MaxStructElems > 0 {
		d.MaxStructElems = o.MaxStructElems
	}
	if o.MaxFormDepth > 0 {
		d.MaxFormDepth = o.MaxFormDepth
	}
	if o.MaxObjects > 0 {
		d.MaxObjects = o.MaxObjects
	}
	if o.MaxFileBytes > 0 {
		d.MaxFileBytes = o.MaxFileBytes
	}
	return d
}
