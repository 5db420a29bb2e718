// The benchmark asserts nothing about speed, but its arithmetic must be right: percentiles, medians, ratios and
// what it reads from /proc (bench/bench-stats.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cpuTicksOf, formatNumber, formatRatio, median, peakRssMbOf, percentile } from '../../bench/bench-stats';

test('percentile: nearest rank over the sorted values, non-finite values left out', () => {
  const fifteen = [15, 1, 14, 2, 13, 3, 12, 4, 11, 5, 10, 6, 9, 7, 8];
  assert.equal(percentile(fifteen, 50), 8);
  // ceil(0.95 × 15) = 15th value
  assert.equal(percentile(fifteen, 95), 15);
  assert.equal(percentile(fifteen, 0), 1);
  assert.equal(percentile([3, 1, 2, 4], 50), 2);
  assert.equal(percentile([3, 1, 2, 4], 75), 3);
  assert.equal(percentile([5, NaN, Infinity, 1], 100), 5);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('median: the middle value, or the mean of the middle two', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.equal(median([NaN, 9, 1, 5]), 5);
  assert.ok(Number.isNaN(median([])));
});

test('ratio: ours / peer with two decimals (one from 10×), n/a without both figures', () => {
  assert.equal(formatRatio(50, 200), '0.25×');
  assert.equal(formatRatio(200, 50), '4.00×');
  assert.equal(formatRatio(1049, 100), '10.5×');
  assert.equal(formatRatio(1, 3), '0.33×');
  assert.equal(formatRatio(0, 0), '1.00×');
  assert.equal(formatRatio(5, 0), 'n/a');
  assert.equal(formatRatio(NaN, 5), 'n/a');
});

test('numbers: one decimal below 100, whole and grouped from 100', () => {
  assert.equal(formatNumber(9.96), '10.0');
  assert.equal(formatNumber(38.14), '38.1');
  assert.equal(formatNumber(217.4), '217');
  assert.equal(formatNumber(1049.6), '1,050');
  assert.equal(formatNumber(NaN), 'n/a');
});

test('/proc: utime + stime counted from the last parenthesis, VmHWM in MB', () => {
  // a command name with spaces and a parenthesis must not shift the fields
  const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 2000 0 0 0 731 129 0 0 20 0 11 0 1000 1200000000 30000 18446744073709551615';
  assert.equal(cpuTicksOf(stat), 731 + 129);
  assert.equal(peakRssMbOf('Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t   71680 kB\nVmRSS:\t 60000 kB\n'), 70);
  assert.ok(Number.isNaN(peakRssMbOf('Name:\tnode\n')));
  // this process's own files parse to sensible values
  assert.ok(cpuTicksOf(readFileSync('/proc/self/stat', 'utf8')) >= 0);
  assert.ok(peakRssMbOf(readFileSync('/proc/self/status', 'utf8')) > 1);
});
