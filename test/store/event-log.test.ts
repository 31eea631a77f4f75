import {describe, expect, it} from 'vitest';
import {EventLog} from '../../source/store/event-log.js';

const event = (n: number) => ({type: 'container', action: 'start', id: String(n), attributes: {}, timeNano: n});

describe('the event log', () => {
  it('keeps the latest events in order and counts what it dropped', () => {
    const log = new EventLog(3);
    for (let n = 1; n <= 5; n++) log.append(event(n));
    expect(log.list().map((e) => e.id)).toEqual(['3', '4', '5']);
    expect(log.dropped).toBe(2);
  });

  it('hands out the same array until something is appended', () => {
    const log = new EventLog(3);
    log.append(event(1));
    const first = log.list();
    expect(log.list()).toBe(first);
    log.append(event(2));
    expect(log.list()).not.toBe(first);
  });
});
