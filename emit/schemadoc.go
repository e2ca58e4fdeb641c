package emit

import (
	"bytes"
	"fmt"
	"strings"
)

// SchemaMarkdown documents every table of Schema and manifest.json, as
// SCHEMA.md holds it.
func SchemaMarkdown() []byte {
	var b bytes.Buffer
	b.WriteString("<!-- Generated from emit/schema.go and emit/manifest.go by `go test ./emit -update`. Do not edit. -->\n\n")
	b.WriteString("# Output schema\n\n")
	b.WriteString("A run writes one folder: `<table>.parquet` for every table below, empty or not, then `" + ManifestFile + "`.\n")
	b.WriteString("Types are Parquet logical types: STRING is UTF-8 BYTE_ARRAY, LIST<STRING> a standard three-level LIST, DATE an INT32 DATE.\n")
	b.WriteString("A column marked null is OPTIONAL; every other column is REQUIRED, and a REQUIRED STRING is never empty unless marked `may be empty`.\n")
	b.WriteString("Where a column lists its values, no other value is written.\n")
	for _, t := range Schema {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", t.Name, t.Meaning)
		b.WriteString("| column | type | null | values | meaning |\n|---|---|---|---|---|\n")
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Name, c.Type, nullCell(c), valuesCell(c), cell(c.Meaning))
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\nJSON, written last: its presence marks a complete output.\n\n", ManifestFile)
	b.WriteString("| field | type | meaning |\n|---|---|---|\n")
	for _, f := range ManifestFields {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Name, f.Type, cell(f.Meaning))
	}
	return b.Bytes()
}

func nullCell(c Column) string {
	switch {
	case c.Nullable:
		return "null"
	case c.Blank:
		return "may be empty"
	}
	return ""
}

func valuesCell(c Column) string {
	if c.Values == nil {
		return ""
	}
	return "`" + strings.Join(c.Values, "`, `") + "`"
}

// cell escapes what would break a Markdown table row.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
