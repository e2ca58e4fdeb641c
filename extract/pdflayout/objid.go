package pdflayout

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// objectNumber is the number of the indirect object v was read from, 0
// for a direct object. The library keeps it unexported; it is read here so
// that walks over trees a hostile file can make cyclic (pages, structure)
// can tell a node they are already inside.
func objectNumber(v pdf.Value) uint32 {
	f := reflect.ValueOf(v).FieldByName("ptr")
	if !f.IsValid() || f.Kind() != reflect.Struct || f.NumField() == 0 {
		return 0
	}
	id := f.Field(0)
	if !id.CanUint() {
		return 0
	}
	return uint32(id.Uint())
}

// referenceOf is the number of the object that dictionary (or stream) v's
// entry key refers to, without reading that object; 0 when the entry is
// absent or direct. The library parses an indirect object again at every
// Key, which matters where many dictionaries name the same few objects.
func referenceOf(v pdf.Value, key string) uint32 {
	d := reflect.ValueOf(v).FieldByName("data")
	if d.Kind() != reflect.Interface || d.IsNil() {
		return 0
	}
	d = d.Elem()
	if d.Kind() == reflect.Struct {
		d = d.FieldByName("hdr") // a stream's dictionary
	}
	if d.Kind() != reflect.Map || d.Type().Key().Kind() != reflect.String {
		return 0
	}
	e := d.MapIndex(reflect.ValueOf(key).Convert(d.Type().Key()))
	if e.Kind() != reflect.Interface || e.IsNil() {
		return 0
	}
	if e = e.Elem(); e.Kind() != reflect.Struct || e.Type().Name() != "objptr" || e.NumField() == 0 || !e.Field(0).CanUint() {
		return 0
	}
	return uint32(e.Field(0).Uint())
}
