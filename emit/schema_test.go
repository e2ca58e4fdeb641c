package emit

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/parquet-go/parquet-go/format"
	"github.com/sendrecon/sendrecon/internal/golden"
	"github.com/sendrecon/sendrecon/normalize"
)

// rowTypes pairs every table of Schema with the Go type of its rows.
var rowTypes = map[string]any{
	"documents": DocumentRow{}, "items": ItemRow{}, "people": PersonRow{}, "links": LinkRow{},
	"cells": CellRow{}, "coverage": CoverageRow{}, "conflicts": ConflictRow{}, "changes": ChangeRow{},
	"item_people": ItemPersonRow{}, "item_orgs": ItemOrgRow{}, "item_refs": ItemRefRow{},
}

func TestStatusCategoriesMatch(t *testing.T) {
	if !slices.Equal(statusCategories, normalize.StatusCategories) {
		t.Errorf("schema's status categories %q, normalize's %q", statusCategories, normalize.StatusCategories)
	}
}

func TestSchemaDocIsCurrent(t *testing.T) {
	golden.Check(t, "SCHEMA.md", SchemaMarkdown())
}

// TestRowTypesMatchSchema reads the Parquet schema parquet-go derives from
// each row type and compares it, column by column, with Schema.
func TestRowTypesMatchSchema(t *testing.T) {
	if len(rowTypes) != len(Schema) {
		t.Errorf("rowTypes has %d tables, Schema %d", len(rowTypes), len(Schema))
	}
	for _, tb := range Schema {
		row, ok := rowTypes[tb.Name]
		if !ok {
			t.Errorf("no row type for table %s", tb.Name)
			continue
		}
		var want []string
		for _, c := range tb.Columns {
			want = append(want, columnString(c.Name, c.Type.String(), c.Nullable))
		}
		var got []string
		for _, f := range parquet.SchemaOf(row).Fields() {
			got = append(got, columnString(f.Name(), parquetType(f), f.Optional()))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%T:\n got %q\nwant %q", row, got, want)
		}
	}
}

func columnString(name, typ string, nullable bool) string {
	if nullable {
		return name + " " + typ + " null"
	}
	return name + " " + typ
}

// parquetType names a field's type the way Type does, or describes what
// it is instead.
func parquetType(f parquet.Field) string {
	var logical format.LogicalTypeValue
	if lt := f.Type().LogicalType(); lt != nil {
		logical = lt.Value
	}
	if !f.Leaf() {
		if _, ok := logical.(*format.ListType); ok && len(f.Fields()) == 1 && len(f.Fields()[0].Fields()) == 1 {
			if el := f.Fields()[0].Fields()[0]; parquetType(el) == "STRING" && !el.Repeated() {
				return "LIST<STRING>"
			}
		}
		return fmt.Sprintf("group (%v)", logical)
	}
	switch l := logical.(type) {
	case *format.StringType:
		if f.Type().Kind() == parquet.ByteArray {
			return "STRING"
		}
	case *format.DateType:
		if f.Type().Kind() == parquet.Int32 {
			return "DATE"
		}
	case *format.IntType:
		if f.Type().Kind() == parquet.Int32 && l.BitWidth == 32 && l.IsSigned {
			return "INT32"
		}
	case nil:
		switch f.Type().Kind() {
		case parquet.Int32:
			return "INT32"
		case parquet.Boolean:
			return "BOOLEAN"
		case parquet.Double:
			return "DOUBLE"
		}
	}
	return fmt.Sprintf("%v (%v)", f.Type().Kind(), logical)
}

// TestSchemaKeepsTheContract checks Schema against CONTRACT.md, written out
// here by hand so that a change to Schema that breaks the contract fails.
// The contract allows added columns, so only its own are compared.
func TestSchemaKeepsTheContract(t *testing.T) {
	contract := map[string]string{
		"documents": "doc_id STRING, source_path STRING, source_format STRING, sha256 STRING, title STRING, local_area STRING null, doc_type STRING null, roles LIST<STRING>, page_count INT32 null, period_start DATE null, period_end DATE null, status STRING, error STRING null",
		"items":     "item_id STRING, doc_id STRING, kind STRING, key STRING, parent_key STRING null, objective STRING null, text STRING, leads LIST<STRING>, lead_orgs LIST<STRING>, timescale STRING null, start_date DATE null, due_date DATE null, start_precision STRING null, due_precision STRING null, status STRING null, refs LIST<STRING>, measures LIST<STRING>, outcomes LIST<STRING>, rationale LIST<STRING>, milestones LIST<STRING>, progress LIST<STRING>, page INT32 null, flags LIST<STRING>",
		"people":    "person_id STRING, name STRING, variants LIST<STRING>, doc_ids LIST<STRING>",
		"links":     "link_id STRING, src_item_id STRING, dst_item_id STRING, relation STRING, score DOUBLE, method STRING, evidence STRING, review STRING",
		"cells":     "doc_id STRING, table_index INT32, page INT32 null, row INT32, col INT32, row_span INT32, col_span INT32, is_header BOOLEAN, text STRING",
	}
	for name, want := range contract {
		tb, ok := table(name)
		if !ok {
			t.Errorf("Schema has no table %s", name)
			continue
		}
		var got []string
		for _, c := range tb.Columns {
			got = append(got, columnString(c.Name, c.Type.String(), c.Nullable))
		}
		wantCols := strings.Split(want, ", ")
		if len(got) > len(wantCols) {
			got = got[:len(wantCols)]
		}
		if !slices.Equal(got, wantCols) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, wantCols)
		}
	}
}

// TestCheckerEnforcesSchema fills a zero row of each table one complaint at
// a time; the columns it complains about must be exactly Schema's REQUIRED,
// non-blank strings and those with a closed set of values.
func TestCheckerEnforcesSchema(t *testing.T) {
	for _, tb := range Schema {
		t.Run(tb.Name, func(t *testing.T) {
			var want []string
			for _, c := range tb.Columns {
				if c.Type == String && !c.Nullable && !c.Blank {
					want = append(want, c.Name)
				}
			}
			got := complaints(t, tb)
			if !slices.Equal(got, want) {
				t.Errorf("checker wants %q filled, Schema %q", got, want)
			}
		})
	}
}

// complaints runs the table's checker on an empty row, filling in each
// column it rejects, until it accepts the row.
func complaints(t *testing.T, tb Table) []string {
	row := reflect.New(reflect.TypeOf(rowTypes[tb.Name]))
	check := checkerFor(t, tb.Name)
	fields := fieldsByColumn(row.Elem().Type())
	var got []string
	for range len(tb.Columns) + 1 {
		err := check(row.Interface())
		if err == nil {
			return got
		}
		e, ok := err.(*Error)
		if !ok || e.Table != tb.Name || e.Row != 7 {
			t.Fatalf("error %v is not an *Error about %s row 7", err, tb.Name)
		}
		col, _ := table(tb.Name)
		got = append(got, e.Column)
		value := "x"
		for _, c := range col.Columns {
			if c.Name == e.Column && c.Values != nil {
				value = c.Values[0]
			}
		}
		row.Elem().Field(fields[e.Column]).SetString(value)
	}
	t.Fatalf("checker never accepts a %s row", tb.Name)
	return nil
}

// checkerFor returns the named table's checker as a function of a row
// pointer, reporting rows as row 7.
func checkerFor(t *testing.T, name string) func(any) error {
	var f func(any) error
	var err error
	switch name {
	case "documents":
		f, err = checkFunc[DocumentRow](name)
	case "items":
		f, err = checkFunc[ItemRow](name)
	case "people":
		f, err = checkFunc[PersonRow](name)
	case "links":
		f, err = checkFunc[LinkRow](name)
	case "cells":
		f, err = checkFunc[CellRow](name)
	case "coverage":
		f, err = checkFunc[CoverageRow](name)
	case "conflicts":
		f, err = checkFunc[ConflictRow](name)
	case "changes":
		f, err = checkFunc[ChangeRow](name)
	case "item_people":
		f, err = checkFunc[ItemPersonRow](name)
	case "item_orgs":
		f, err = checkFunc[ItemOrgRow](name)
	case "item_refs":
		f, err = checkFunc[ItemRefRow](name)
	default:
		t.Fatalf("no checker for %s", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func checkFunc[T any](name string) (func(any) error, error) {
	c, err := newChecker[T](name)
	if err != nil {
		return nil, err
	}
	return func(r any) error { return c.check(r.(*T), 7) }, nil
}

func TestWriterOpensEveryTableInSchemaOrder(t *testing.T) {
	w, err := Create(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	var got, want []string
	for _, tf := range w.tables {
		got = append(got, tf.count().Name)
	}
	for _, tb := range Schema {
		want = append(want, tb.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("writer opens %q, Schema lists %q", got, want)
	}
}

// TestManifestFieldsDocumented compares ManifestFields with the JSON names
// of Manifest's fields, recursing into the arrays.
func TestManifestFieldsDocumented(t *testing.T) {
	var got []string
	for _, f := range ManifestFields {
		got = append(got, f.Name)
	}
	want := jsonFields("", reflect.TypeFor[Manifest]())
	if !slices.Equal(got, want) {
		t.Errorf("ManifestFields:\n got %q\nwant %q", got, want)
	}
}

func jsonFields(prefix string, t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, prefix+name)
		if ft := t.Field(i).Type; ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			out = append(out, jsonFields(prefix+name+"[].", ft.Elem())...)
		} else if ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct {
			out = append(out, jsonFields(prefix+name+".", ft.Elem())...)
		}
	}
	return out
}
