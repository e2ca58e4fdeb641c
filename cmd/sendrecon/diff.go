package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

type diffFlags struct {
	out   string
	color string
	force bool
}

func newDiffCmd(g *globals) *cobra.Command {
	f := &diffFlags{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two versions of one document",
		Long: `Read two versions of one document (a plan and its quarterly update, say),
align their items (by key, then by text, so a row added or removed above
does not make every row below look changed) and print what changed: status
moves, due dates moved, leads changed, wording edited, items added and
removed, and keys renumbered.

With --out, also write the output folder: documents and items of both
versions, the changes table (one row per changed field; see changes in
emit/SCHEMA.md) and review.html, which shows the changes word by word.
A folder holding another run's output is refused (--force replaces it);
the files are built beside it and moved in only when all are written.

Colour is used when standard output is a terminal (--color auto), unless
NO_COLOR is set.`,
		Example: `  sendrecon diff plan-2024-q1.pdf plan-2024-q2.pdf
  sendrecon diff plan-v1.html plan-v2.html --out diff-out --color never`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(g.configFile)
			if err != nil {
				return err
			}
			useColor, err := colorWanted(f.color, g.stdout)
			if err != nil {
				return err
			}
			if _, err := batch.Expand(args); err != nil {
				return err
			}
			if f.out != "" && !f.force {
				if why := batch.OtherRun(f.out, args); why != "" {
					return fmt.Errorf("diff --out: %s; give another folder, or --force to replace it", why)
				}
			}
			d := &differ{b: &batch.Batch{Config: cfg, Version: versionString()}, out: f.out, stdout: g.stdout, stderr: g.stderr}
			return d.run(cmd, args[0], args[1], useColor)
		},
	}
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "output `DIR` for the tables and review.html (default: print only)")
	cmd.Flags().StringVar(&f.color, "color", "auto", "colour the diff: auto, always or never")
	cmd.Flags().BoolVar(&f.force, "force", false, "write into --out even if it holds another run's output")
	return cmd
}

// differ is one `sendrecon diff`.
type differ struct {
	b              *batch.Batch
	out            string
	stdout, stderr io.Writer
}

func (d *differ) run(cmd *cobra.Command, oldPath, newPath string, useColor bool) error {
	ctx := cmd.Context()
	var vs [2]normalize.Result
	for i, p := range []string{oldPath, newPath} {
		r := d.b.Process(ctx, batch.Input{Path: p})
		if r.Result.Document.Status == normalize.StatusFailed {
			return fmt.Errorf("diff: %s", r.Result.Document.Error)
		}
		asOf, _ := reconcile.AsOf(&r.Result.Document, d.b.Config.Reconcile, d.now())
		reconcile.FlagOverdueAsOf(r.Result.Items, d.b.Config.Reconcile, asOf)
		vs[i] = r.Result
	}
	old, new := vs[0], vs[1]
	changes := reconcile.Diff(old.Document.ID, new.Document.ID, old.Items, new.Items)
	printDiff(d.stdout, old, new, changes, useColor)
	if d.out == "" {
		return nil
	}
	return d.write(old, new, changes)
}

// write puts both versions, their changes and the review page in the
// output folder.
func (d *differ) write(old, new normalize.Result, changes []reconcile.Change) (err error) {
	st, err := batch.NewStage(d.out)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, st.Discard())
		}
	}()
	w, err := emit.Create(st.Dir(), emit.Options{
		Tool: "sendrecon", Version: versionString(), Config: d.b.Config.Settings(), Now: d.b.Now,
	})
	if err != nil {
		return err
	}
	err = errors.Join(w.AddResult(old), w.AddResult(new), w.AddChanges(changes))
	if err == nil {
		docs := []normalize.Document{old.Document, new.Document}
		items := append(append([]normalize.Item(nil), old.Items...), new.Items...)
		err = batch.WriteReport(st.Dir(), d.out, docs, items, reconcile.Output{}, changes, d.now(), d.b.Config.Reconcile)
	}
	if err != nil {
		return errors.Join(err, w.Abort())
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := st.Publish(); err != nil {
		return err
	}
	fmt.Fprintf(d.stderr, "%s: %d changes; see %s/review.html\n", d.out, len(changes), d.out)
	return nil
}

func (d *differ) now() time.Time {
	if d.b.Now != nil {
		return d.b.Now()
	}
	return time.Now()
}

// colorWanted decides whether to colour output written to w.
func colorWanted(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := w.(*os.File)
		return ok && term.IsTerminal(int(f.Fd())), nil
	}
	return false, fmt.Errorf("--color %q: want auto, always or never", mode)
}
