// Package reconcile links the items of documents of one local area to each
// other (an action addresses a finding, implements a priority, or is the same
// commitment stated twice), works out how well each inspection finding is
// covered, finds conflicts between linked items and changes between versions,
// and re-applies reviewers' decisions. It reads normalize's items and never
// looks at layout.
package reconcile
