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
