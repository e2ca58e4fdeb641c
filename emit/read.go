package emit

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sendrecon/sendrecon/normalize"
)

// readBatch is how many rows ReadTable hands over at a time.
const readBatch = 1024

// TableFiles lists the files of one table in an output folder: the
// whole-table file <dir>/<table>.parquet if there is one, else the parts
// <dir>/<table>/*.parquet in name order. A table that is not there has none.
func TableFiles(dir, table string) ([]string, error) {
	whole := filepath.Join(dir, table+".parquet")
	if _, err := os.Stat(whole); err == nil {
		return []string{whole}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fileError(table, whole, err)
	}
	parts, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		return nil, fileError(table, dir, err)
	}
	return parts, nil
}

// ReadTable streams the rows of one table of an output folder (a file or a
// folder of parts) to fn, a batch at a time, in file order; fn must not keep
// the slice. Memory is bounded by the batch, not the table.
func ReadTable[T any](dir, table string, fn func([]T) error) error {
	files, err := TableFiles(dir, table)
	if err != nil {
		return err
	}
	for _, path := range files {
		if err := readFile(path, table, fn); err != nil {
			return err
		}
	}
	return nil
}

func readFile[T any](path, table string, fn func([]T) error) (err error) {
	f, err := os.Open(path)
	if err != nil {
		return fileError(table, path, err)
	}
	defer f.Close()
	r := parquet.NewGenericReader[T](f)
	defer func() { err = errors.Join(err, fileError(table, path, r.Close())) }()
	buf := make([]T, readBatch)
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			if err := fn(buf[:n]); err != nil {
				return err
			}
		}
		if errors.Is(rerr, io.EOF) {
			return nil
		}
		if rerr != nil {
			return fileError(table, path, rerr)
		}
	}
}

// DocumentOf turns a documents row back into the document it was written
// from. Acronyms are not in the table and come back empty.
func DocumentOf(r *DocumentRow) normalize.Document {
	return normalize.Document{
		ID:          r.DocID,
		SourcePath:  r.SourcePath,
		Format:      r.SourceFormat,
		SHA256:      r.SHA256,
		Title:       r.Title,
		LocalArea:   deref(r.LocalArea),
		DocType:     deref(r.DocType),
		Roles:       unlist(r.Roles),
		PageCount:   int(derefInt(r.PageCount)),
		PeriodStart: dateOf(r.PeriodStart, nil),
		PeriodEnd:   dateOf(r.PeriodEnd, nil),
		Status:      r.Status,
		Error:       deref(r.Error),
		EditionID:   r.EditionID,
		Date:        dateOf(r.DocDate, nil),
	}
}

// ItemOf turns an items row back into the item it was written from;
// writing it again gives the same row. RefsRaw is not in the table and
// comes back empty.
func ItemOf(r *ItemRow) normalize.Item {
	return normalize.Item{
		ID:             r.ItemID,
		DocID:          r.DocID,
		Kind:           normalize.Kind(r.Kind),
		Key:            r.Key,
		ParentKey:      deref(r.ParentKey),
		Objective:      deref(r.Objective),
		Text:           r.Text,
		Leads:          unlist(r.Leads),
		LeadOrgs:       unlist(r.LeadOrgs),
		Timescale:      deref(r.Timescale),
		Start:          dateOf(r.StartDate, r.StartPrecision),
		Due:            dateOf(r.DueDate, r.DuePrecision),
		Status:         deref(r.Status),
		StatusCategory: deref(r.StatusCategory),
		Refs:           unlist(r.Refs),
		Measures:       unlist(r.Measures),
		Outcomes:       unlist(r.Outcomes),
		Rationale:      unlist(r.Rationale),
		Milestones:     unlist(r.Milestones),
		Progress:       unlist(r.Progress),
		Page:           int(derefInt(r.Page)),
		Flags:          unlist(r.Flags),
		Delivers:       unlist(r.Delivers),
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(v *int32) int32 {
	if v == nil {
		return 0
	}
	return *v
}

// unlist copies a list out of the reader's buffers; empty is nil, as the
// stages make it.
func unlist(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return append([]string(nil), l...)
}

func dateOf(d *int32, precision *string) normalize.Date {
	if d == nil {
		return normalize.Date{}
	}
	p := normalize.PrecisionDay
	if precision != nil {
		p = normalize.Precision(*precision)
	}
	return normalize.Date{Time: time.Unix(int64(*d)*86400, 0).UTC(), Precision: p}
}
