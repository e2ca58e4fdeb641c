package emit

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// checker validates rows of type T against their table's description, so
// that the rules stated in Schema are the rules enforced.
type checker[T any] struct {
	table  string
	idCol  string // first column, named in errors when it is a string
	idIdx  int    // its field, -1 when it is not a string
	fields []checkedField
}

type checkedField struct {
	index int
	col   Column
}

// newChecker matches the columns of the named table to the fields of T by
// their parquet tags.
func newChecker[T any](name string) (*checker[T], error) {
	t, ok := table(name)
	if !ok {
		return nil, fmt.Errorf("emit: no table %q in Schema", name)
	}
	fields := fieldsByColumn(reflect.TypeFor[T]())
	c := &checker[T]{table: name, idCol: t.Columns[0].Name, idIdx: -1}
	if t.Columns[0].Type == String {
		c.idIdx = fields[c.idCol]
	}
	for _, col := range t.Columns {
		i, ok := fields[col.Name]
		if !ok {
			return nil, fmt.Errorf("emit: %s has no field for column %s", reflect.TypeFor[T](), col.Name)
		}
		if col.Type == String && (!col.Nullable && !col.Blank || col.Values != nil) {
			c.fields = append(c.fields, checkedField{i, col})
		}
	}
	return c, nil
}

// fieldsByColumn maps each parquet column name of struct type t to its field.
func fieldsByColumn(t reflect.Type) map[string]int {
	out := map[string]int{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("parquet"), ",")
		out[name] = i
	}
	return out
}

// check returns an *Error for the first rule row breaks; row is its
// position among the rows offered to the table.
func (c *checker[T]) check(r *T, row int) error {
	v := reflect.ValueOf(r).Elem()
	for _, f := range c.fields {
		s, present := stringField(v.Field(f.index))
		var err error
		switch {
		case !present:
		case s == "" && !f.col.Blank:
			err = ErrEmpty
		case f.col.Values != nil && !slices.Contains(f.col.Values, s):
			err = fmt.Errorf("%w: %q, want one of %s", ErrNotAllowed, s, strings.Join(f.col.Values, ", "))
		}
		if err != nil {
			return c.rowError(v, row, f.col.Name, err)
		}
	}
	return nil
}

// rowError is an *Error about one row of the table.
func (c *checker[T]) rowError(v reflect.Value, row int, column string, err error) error {
	e := &Error{Table: c.table, Row: row, Column: column, Err: err}
	if c.idIdx >= 0 {
		if id := v.Field(c.idIdx).String(); id != "" {
			e.ID = c.idCol + " " + id
		}
	}
	return e
}

// stringField reads a string or *string field; a nil pointer is absent.
func stringField(v reflect.Value) (s string, present bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	return v.String(), true
}
