package popularity

import "testing"

func TestItemKeySeparatesItems(t *testing.T) {
	alice, bob := visitor(1), visitor(2)
	seen := map[[16]byte]string{}
	for _, c := range []struct {
		name string
		key  [16]byte
	}{
		{"alice article 1", ItemKey(alice, Article, 1)},
		{"alice article 2", ItemKey(alice, Article, 2)},
		{"alice video 1", ItemKey(alice, Video, 1)},
		{"bob article 1", ItemKey(bob, Article, 1)},
		{"alice article 256", ItemKey(alice, Article, 256)},
	} {
		if other, ok := seen[c.key]; ok {
			t.Errorf("%s has the key of %s", c.name, other)
		}
		seen[c.key] = c.name
		if c.key == alice || c.key == bob {
			t.Errorf("%s is the visitor key itself", c.name)
		}
	}
	first, again := ItemKey(alice, Article, 1), ItemKey(visitor(1), Article, 1)
	if first != again {
		t.Error("the same visitor and item give two keys")
	}
}
