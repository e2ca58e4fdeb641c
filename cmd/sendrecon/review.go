package main

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/reconcile"
)

type reviewFlags struct {
	out      string
	note     string
	by       string
	relation string
}

func newReviewCmd(g *globals) *cobra.Command {
	f := &reviewFlags{}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Accept, reject or add links; every later run re-applies the decisions",
		Long: `Record a reviewer's decisions on the links a run proposed. Decisions go to
the decisions file of the output folder under review (--out, else run.out):
reconcile.decisions in the configuration, decisions.jsonl by default,
resolved against that folder, never the working directory. One JSON line
each, with who and when, safe to keep in git and to review as a diff. Every run re-applies all of them by link_id, so an
accepted link stays accepted and a rejected one never comes back as proposed.
A decision whose items no longer exist is reported as orphaned, never
silently dropped. Link ids are in the link_id column of links.parquet.`,
		Example: `  sendrecon review accept --out out link-3f2a9c0d11e4b7a2 --note "checked with the plan owner"
  sendrecon review reject --out out link-0b1c2d3e4f5a6b7c link-1a2b3c4d5e6f7a8b
  sendrecon review add --out out doc-5e1f...-action-3.3 doc-9a0b...-finding-AFI2 --relation addresses`,
	}
	cmd.PersistentFlags().StringVarP(&f.out, "out", "o", "", "output `DIR` of the run whose links are reviewed (default run.out)")
	cmd.PersistentFlags().StringVar(&f.note, "note", "", "a note kept with the decision")
	cmd.PersistentFlags().StringVar(&f.by, "by", "", "reviewer's name (default: the login name)")
	for _, action := range []string{reconcile.DecisionAccept, reconcile.DecisionReject} {
		cmd.AddCommand(&cobra.Command{
			Use:   action + " LINK_ID...",
			Short: map[string]string{"accept": "Accept proposed links", "reject": "Reject proposed links"}[action],
			Args:  cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return decide(g, f, action, args)
			},
		})
	}
	add := &cobra.Command{
		Use:   "add SRC_ITEM_ID DST_ITEM_ID --relation REL",
		Short: "Add a link the pipeline missed",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return addLink(g, f, args[0], args[1])
		},
	}
	add.Flags().StringVar(&f.relation, "relation", reconcile.RelAddresses, "addresses, implements or same_as")
	cmd.AddCommand(add, newServeCmd(g, f))
	return cmd
}

// reviewTarget loads the configuration and names the output folder under
// review: --out, else run.out. Its decisions file is
// batch.DecisionsFile(cfg).
func reviewTarget(g *globals, f *reviewFlags) (*config.Config, string, error) {
	cfg, err := config.Load(g.configFile)
	if err != nil {
		return nil, "", err
	}
	if f.out != "" {
		cfg.Run.Out = f.out
	}
	return cfg, cfg.Run.Out, nil
}

func decide(g *globals, f *reviewFlags, action string, ids []string) error {
	cfg, out, err := reviewTarget(g, f)
	if err != nil {
		return err
	}
	links, err := readLinks(out)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	var ds []reconcile.Decision
	var errs []error
	for _, id := range ids {
		l, ok := links[id]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: no such link in %s", id, filepath.Join(out, "links.parquet")))
			continue
		}
		ds = append(ds, reconcile.Decision{
			LinkID: id, Action: action, Src: l.SrcItemID, Dst: l.DstItemID, Relation: l.Relation,
			Note: f.note, By: reviewer(f.by), At: now,
		})
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return record(g, cfg, ds)
}

func addLink(g *globals, f *reviewFlags, src, dst string) error {
	if !slices.Contains([]string{reconcile.RelAddresses, reconcile.RelImplements, reconcile.RelSameAs}, f.relation) {
		return fmt.Errorf("--relation %q: want addresses, implements or same_as", f.relation)
	}
	cfg, _, err := reviewTarget(g, f)
	if err != nil {
		return err
	}
	return record(g, cfg, []reconcile.Decision{{
		LinkID: reconcile.LinkID(src, dst, f.relation), Action: reconcile.DecisionAdd,
		Src: src, Dst: dst, Relation: f.relation, Note: f.note, By: reviewer(f.by), At: time.Now().UTC(),
	}})
}

func record(g *globals, cfg *config.Config, ds []reconcile.Decision) error {
	file := batch.DecisionsFile(cfg)
	if err := reconcile.AppendDecisions(file, ds...); err != nil {
		return err
	}
	for _, d := range ds {
		fmt.Fprintf(g.stdout, "%s %s (%s %s %s)\n", d.Action, d.LinkID, d.Src, d.Relation, d.Dst)
	}
	fmt.Fprintf(g.stdout, "recorded in %s; the next run into %s applies it\n", file, cfg.Run.Out)
	return nil
}

func reviewer(by string) string {
	if by != "" {
		return by
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// readLinks reads a run's links table, by link_id.
func readLinks(out string) (map[string]emit.LinkRow, error) {
	path := filepath.Join(out, "links.parquet")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("review: %w (run sendrecon run first, or give --out)", err)
	}
	defer f.Close()
	rows, err := parquet.Read[emit.LinkRow](f, statSize(f))
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", path, err)
	}
	m := make(map[string]emit.LinkRow, len(rows))
	for _, r := range rows {
		m[r.LinkID] = r
	}
	return m, nil
}

func statSize(f *os.File) int64 {
	info, err := f.Stat()
	if err != nil {
		return 0
	}
	return info.Size()
}
