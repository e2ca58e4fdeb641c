package batch

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// forEachOrdered runs work on items 0..n-1 with at most workers at once and
// hands the results to sink one at a time, in index order, so output is the
// same whatever the worker count. At most about 2×workers results wait in
// memory: a slow document holds back the ones after it instead of letting
// them pile up.
func forEachOrdered[R any](ctx context.Context, n, workers int, work func(ctx context.Context, i int) R, sink func(R) error) error {
	if workers < 1 {
		workers = 1
	}
	g, ctx := errgroup.WithContext(ctx)
	pending := make(chan chan R, workers)
	g.Go(func() error {
		defer close(pending)
		sem := make(chan struct{}, workers)
		for i := range n {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			res := make(chan R, 1)
			select {
			case pending <- res:
			case <-ctx.Done():
				return ctx.Err()
			}
			g.Go(func() error {
				defer func() { <-sem }()
				res <- work(ctx, i)
				return nil
			})
		}
		return nil
	})
	g.Go(func() error {
		for res := range pending {
			var r R
			select {
			case r = <-res:
			case <-ctx.Done():
				return ctx.Err()
			}
			if err := sink(r); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}
