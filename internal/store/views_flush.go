package store

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"

	"dateline/internal/popularity"
)

// FlushViews counts a batch drained from a popularity.Counter, in one
// transaction, and returns how many views it counted. A view counts only
// when
//
//   - its item is published (unknown ids, drafts and pulled stories count
//     nothing),
//   - no node has stored its reader's key for the item today: every node
//     and every restart shares this memory (view_readers), and
//   - its address has brought fewer than perAddress readers to the item
//     today (view_addresses), on all nodes together.
//
// The views counted are added to the hourly buckets. Nodes flushing at once
// are exact on both engines: which of them stored a key, and each address's
// running total, are decided by the database's row locks.
func (s *Store) FlushViews(ctx context.Context, batch []popularity.View, perAddress int) (int, error) {
	if len(batch) == 0 {
		return 0, nil
	}
	counted := 0
	err := s.inTx(ctx, func(tx *dbTx) error {
		fresh, err := s.newReaders(ctx, tx, batch)
		if err != nil || len(fresh) == 0 {
			return err
		}
		keep, err := s.withinAddressCap(ctx, tx, fresh, perAddress)
		if err != nil {
			return err
		}
		counted = len(keep)
		return s.addViewsTx(ctx, tx, popularity.Tally(keep))
	})
	return counted, err
}

// newReaders stores the batch's reader keys of published items and returns
// the views whose key this transaction stored: the readers no node had
// counted for the item today.
func (s *Store) newReaders(ctx context.Context, tx *dbTx, batch []popularity.View) ([]popularity.View, error) {
	type row struct {
		Day    string `json:"day"`
		Kind   string `json:"kind"`
		ID     int64  `json:"id"`
		Reader string `json:"reader"`
	}
	type dayKey struct{ day, key string }
	rows := make([]row, len(batch))
	for i, v := range batch {
		rows[i] = row{Day: v.Day, Kind: string(v.Kind), ID: v.ID, Reader: hex.EncodeToString(v.Reader[:])}
	}
	js, err := json.Marshal(rows)
	if err != nil {
		return nil, err
	}
	res, err := tx.QueryContext(ctx, s.q.InsertViewReaders, string(js))
	if err != nil {
		return nil, err
	}
	defer res.Close()
	stored := make(map[dayKey]bool, len(batch))
	for res.Next() {
		var k dayKey
		if err := res.Scan(&k.day, &k.key); err != nil {
			return nil, err
		}
		stored[k] = true
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	var fresh []popularity.View
	for i, v := range batch {
		if stored[dayKey{v.Day, rows[i].Reader}] {
			fresh = append(fresh, v)
		}
	}
	return fresh, nil
}

// withinAddressCap adds each address's new readers of an item to its total
// for the day and returns the views that keep the total within perAddress:
// of an address's new readers, as many as the cap still allows, earliest
// hour first.
func (s *Store) withinAddressCap(ctx context.Context, tx *dbTx, fresh []popularity.View, perAddress int) ([]popularity.View, error) {
	byAddress := map[addressDay][]popularity.View{}
	for _, v := range fresh {
		g := addressDay{v.Day, hex.EncodeToString(v.Address[:])}
		byAddress[g] = append(byAddress[g], v)
	}
	totals, err := s.addAddressReaders(ctx, tx, byAddress)
	if err != nil {
		return nil, err
	}
	var keep []popularity.View
	for g, views := range byAddress {
		n := int64(len(views))
		total, ok := totals[g]
		if !ok {
			return nil, errors.New("store: an address's reader total was not returned")
		}
		// The readers before ours were counted up to the cap; ours fill what is left.
		limit := int64(perAddress)
		allowed := min(total, limit) - min(total-n, limit)
		if allowed <= 0 {
			continue
		}
		slices.SortStableFunc(views, func(a, b popularity.View) int { return a.Hour.Compare(b.Hour) })
		keep = append(keep, views[:allowed]...)
	}
	return keep, nil
}

// addressDay is one address's key for one item on one day.
type addressDay struct{ day, address string }

// addAddressReaders adds to each address's total of readers of an item that
// day the number of new readers in views and returns the new totals, which
// include those of any node that flushed before.
func (s *Store) addAddressReaders(ctx context.Context, tx *dbTx, views map[addressDay][]popularity.View) (map[addressDay]int64, error) {
	type row struct {
		Day     string `json:"day"`
		Address string `json:"address"`
		Readers int    `json:"readers"`
	}
	rows := make([]row, 0, len(views))
	for g, v := range views {
		rows = append(rows, row{Day: g.day, Address: g.address, Readers: len(v)})
	}
	js, err := json.Marshal(rows) // the query sorts them, for the lock order
	if err != nil {
		return nil, err
	}
	res, err := tx.QueryContext(ctx, s.q.AddAddressReaders, string(js))
	if err != nil {
		return nil, err
	}
	defer res.Close()
	totals := make(map[addressDay]int64, len(rows))
	for res.Next() {
		var g addressDay
		var total int64
		if err := res.Scan(&g.day, &g.address, &total); err != nil {
			return nil, err
		}
		totals[g] = total
	}
	return totals, res.Err()
}
