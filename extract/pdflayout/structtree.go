package pdflayout

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// structElem is one element of a tagged PDF's structure tree (ISO 32000
// §14.7), reduced to what the layout needs: its standard role, table
// attributes, and its kids in order, each an element or a piece of marked
// content.
type structElem struct {
	role    string
	rowSpan int
	colSpan int
	scope   string
	kids    []structKid
	// block is set for block-level roles and for any element holding one:
	// a grouping element (NonStruct, Span, a custom role) around headings
	// and tables is a container, not inline text.
	block bool
}

// structKid is either a child element or a marked-content reference.
type structKid struct {
	elem *structElem
	page int // 0-based index into the document's pages
	mcid int
}

// maxStructDepth bounds recursion into a damaged tree whose /K arrays lead
// back to an ancestor.
const maxStructDepth = 200

// structReader reads the tree, joining marked-content references to pages.
type structReader struct {
	pageIndex map[string]int // printed page dictionary → page index
	// pageOfRef remembers what each /Pg reference resolved to (a page
	// index, -1 for none): elements name the same few pages thousands of
	// times, and resolving one parses the page object anew.
	pageOfRef map[objRef]int
	roleMap   pdf.Value
	count     int
	limit     int
	overflow  bool
	// inside holds the objects of the elements being read: an element
	// among its own kids is a cycle, and the tree is then not used.
	inside map[uint32]bool
}

// readStructTree returns the root element of the tree, or nil when the tree
// is empty or larger than opts allows.
func readStructTree(tree pdf.Value, refs []pageRef, opts Options) *structElem {
	sr := &structReader{
		pageIndex: make(map[string]int, len(refs)),
		roleMap:   tree.Key("RoleMap"),
		limit:     opts.MaxStructElems,
	}
	for i, r := range refs {
		sr.pageIndex[r.v.String()] = i
	}
	root := &structElem{role: "Document", block: true}
	sr.kids(root, tree.Key("K"), -1, 0)
	if sr.overflow || len(root.kids) == 0 {
		return nil
	}
	return root
}

// pageOf finds the page the /Pg entry of dictionary v names, inherited if
// none.
func (sr *structReader) pageOf(v pdf.Value, inherited int) int {
	ref, ok := rawRef(v, "Pg")
	if !ok {
		return sr.resolvePage(v.Key("Pg"), inherited)
	}
	i, seen := sr.pageOfRef[ref]
	if !seen {
		i = sr.resolvePage(v.Key("Pg"), -1)
		if sr.pageOfRef == nil {
			sr.pageOfRef = map[objRef]int{}
		}
		sr.pageOfRef[ref] = i
	}
	if i < 0 {
		return inherited
	}
	return i
}

// resolvePage finds the page pg is, inherited if none.
func (sr *structReader) resolvePage(pg pdf.Value, inherited int) int {
	if pg.Kind() != pdf.Dict {
		return inherited
	}
	if i, ok := sr.pageIndex[pg.String()]; ok {
		return i
	}
	return inherited
}

// objRef is an indirect reference: object number and generation.
type objRef struct {
	id  uint32
	gen uint16
}

// valueData is the index of pdf.Value's field holding its data, -1 if
// the library has none by that name.
var valueData = func() int {
	if f, ok := reflect.TypeOf(pdf.Value{}).FieldByName("data"); ok && len(f.Index) == 1 {
		return f.Index[0]
	}
	return -1
}()

// rawRef returns the indirect reference stored under key in dictionary v,
// without resolving it; false when the entry is missing or direct, or the
// library's representation is not the one expected. The library keeps
// both unexported; reading them lets a reference that thousands of
// structure elements repeat be resolved once.
func rawRef(v pdf.Value, key string) (objRef, bool) {
	if valueData < 0 {
		return objRef{}, false
	}
	d := reflect.ValueOf(v).Field(valueData)
	if d.Kind() == reflect.Interface {
		d = d.Elem()
	}
	if d.Kind() != reflect.Map || d.Type().Key().Kind() != reflect.String {
		return objRef{}, false
	}
	e := d.MapIndex(reflect.ValueOf(key).Convert(d.Type().Key()))
	if e.Kind() == reflect.Interface {
		e = e.Elem()
	}
	if e.Kind() != reflect.Struct || e.Type().Name() != "objptr" || e.NumField() != 2 {
		return objRef{}, false
	}
	id, gen := e.Field(0), e.Field(1)
	if !id.CanUint() || !gen.CanUint() {
		return objRef{}, false
	}
	return objRef{uint32(id.Uint()), uint16(gen.Uint())}, true
}

// kids appends the kids described by k (a /K value) to parent.
func (sr *structReader) kids(parent *structElem, k pdf.Value, page, depth int) {
	if depth > maxStructDepth || sr.overflow {
		return
	}
	switch k.Kind() {
	case pdf.Integer:
		if page >= 0 {
			parent.kids = append(parent.kids, structKid{page: page, mcid: int(k.Int64())})
		}
	case pdf.Array:
		for i := 0; i < k.Len(); i++ {
			sr.kids(parent, k.Index(i), page, depth+1)
		}
	case pdf.Dict:
		switch k.Key("Type").Name() {
		case "MCR":
			p := sr.pageOf(k, page)
			if p >= 0 && k.Key("Stm").IsNull() { // content in a Form XObject stream is not joined
				parent.kids = append(parent.kids, structKid{page: p, mcid: int(k.Key("MCID").Int64())})
			}
		case "OBJR":
			// An annotation or XObject: no text of its own.
		default:
			if e := sr.elem(k, page, depth+1); e != nil {
				parent.kids = append(parent.kids, structKid{elem: e})
			}
		}
	}
}

func (sr *structReader) elem(v pdf.Value, page, depth int) *structElem {
	sr.count++
	if sr.count > sr.limit {
		sr.overflow = true
		return nil
	}
	if id := objectNumber(v); id != 0 {
		if sr.inside[id] {
			sr.overflow = true
			return nil
		}
		if sr.inside == nil {
			sr.inside = map[uint32]bool{}
		}
		sr.inside[id] = true
		defer delete(sr.inside, id)
	}
	e := &structElem{role: sr.standardRole(v.Key("S").Name()), rowSpan: 1, colSpan: 1}
	readTableAttrs(e, v.Key("A"))
	sr.kids(e, v.Key("K"), sr.pageOf(v, page), depth)
	e.block = blockRoles[e.role]
	for _, k := range e.kids {
		if k.elem != nil && k.elem.block {
			e.block = true
		}
	}
	return e
}

// standardRole maps a custom structure type through the RoleMap to a
// standard one.
func (sr *structReader) standardRole(role string) string {
	for range 8 {
		m := sr.roleMap.Key(role)
		if m.Kind() != pdf.Name || m.Name() == role {
			break
		}
		role = m.Name()
	}
	return role
}

// readTableAttrs reads RowSpan, ColSpan and Scope from an /A entry: one
// attribute dictionary or an array of them (with revision numbers).
func readTableAttrs(e *structElem, a pdf.Value) {
	apply := func(d pdf.Value) {
		if d.Kind() != pdf.Dict {
			return
		}
		if v := d.Key("RowSpan").Int64(); v > 1 {
			e.rowSpan = int(min(v, 1000))
		}
		if v := d.Key("ColSpan").Int64(); v > 1 {
			e.colSpan = int(min(v, 1000))
		}
		if s := d.Key("Scope").Name(); s != "" {
			e.scope = s
		}
	}
	if a.Kind() == pdf.Array {
		for i := 0; i < a.Len() && i < 16; i++ {
			apply(a.Index(i))
		}
		return
	}
	apply(a)
}
