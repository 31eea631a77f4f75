import {describe, expect, it} from 'vitest';
import {humanDuration, liveStatus, parseHumanDuration, upSince} from '../../source/format/status.js';

describe('status text', () => {
  it('reads the durations Docker writes', () => {
    expect(parseHumanDuration('Less than a second')).toBe(0);
    expect(parseHumanDuration('1 second')).toBe(1);
    expect(parseHumanDuration('45 seconds')).toBe(45);
    expect(parseHumanDuration('About a minute')).toBe(60);
    expect(parseHumanDuration('3 minutes')).toBe(180);
    expect(parseHumanDuration('About an hour')).toBe(3600);
    expect(parseHumanDuration('2 hours')).toBe(7200);
    expect(parseHumanDuration('3 weeks')).toBe(3 * 7 * 86_400);
    expect(parseHumanDuration('soon')).toBeUndefined();
  });

  it('writes them back the way Docker does', () => {
    expect(humanDuration(0.5)).toBe('Less than a second');
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(59)).toBe('59 seconds');
    expect(humanDuration(61)).toBe('About a minute');
    expect(humanDuration(150)).toBe('2 minutes');
    expect(humanDuration(3600)).toBe('About an hour');
    expect(humanDuration(5 * 3600)).toBe('5 hours');
    expect(humanDuration(3 * 86_400)).toBe('3 days');
  });

  it('keeps "Up" counting from the time the status was read, health kept', () => {
    const started = upSince('Up 5 seconds (healthy)', 1000);
    expect(started).toBe(995);
    expect(liveStatus('Up 5 seconds (healthy)', started, 1125)).toBe('Up 2 minutes (healthy)');
    expect(upSince('Exited (0) 2 hours ago', 1000)).toBeUndefined();
    expect(liveStatus('Exited (0) 2 hours ago', undefined, 5000)).toBe('Exited (0) 2 hours ago');
  });
});
