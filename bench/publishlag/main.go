// Command publishlag measures how long after a publish through one node's
// admin API returns the story is on another node's front page: it publishes
// a story on --first, then asks --second for its front page every 2 ms.
//
//	go run ./bench/publishlag --first http://127.0.0.1:8780 --second http://127.0.0.1:8783 --token dlt_... [--runs 5]
//
// It prints each run's lag and the median, in milliseconds.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"slices"
	"strings"
	"time"
)

func main() {
	first := flag.String("first", "", "node that takes the publish")
	second := flag.String("second", "", "node whose front page is watched")
	token := flag.String("token", "", "an editor's API token")
	runs := flag.Int("runs", 5, "publishes to time")
	flag.Parse()
	client := &http.Client{Timeout: 10 * time.Second}
	var lags []time.Duration
	for i := range *runs {
		headline := fmt.Sprintf("Publish lag probe %d at %d", i+1, time.Now().UnixNano())
		lag, err := probe(client, *first, *second, *token, headline)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("run %d: %.1f ms\n", i+1, float64(lag.Microseconds())/1000)
		lags = append(lags, lag)
	}
	slices.Sort(lags)
	fmt.Printf("median publish-to-visible: %.1f ms\n", float64(lags[len(lags)/2].Microseconds())/1000)
}

func probe(client *http.Client, first, second, token, headline string) (time.Duration, error) {
	// The second node's front page is cached before the publish.
	for range 2 {
		if _, err := front(client, second); err != nil {
			return 0, err
		}
	}
	body, _ := json.Marshal(map[string]any{"headline": headline, "summary": "A story published to time the page cache.",
		"body_markdown": "Timing.", "section": "local", "lang": "en", "source": map[string]string{"type": "staff"}, "action": "publish"})
	req, _ := http.NewRequest(http.MethodPost, first+"/api/v1/admin/articles", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	reply, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return 0, fmt.Errorf("publish: %d %s", resp.StatusCode, reply)
	}
	returned := time.Now()
	for time.Since(returned) < 10*time.Second {
		page, err := front(client, second)
		if err != nil {
			return 0, err
		}
		if strings.Contains(page, headline) {
			return time.Since(returned), nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("the story was not on the second node's front page after 10 s")
}

func front(client *http.Client, base string) (string, error) {
	resp, err := client.Get(base + "/")
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
