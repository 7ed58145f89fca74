import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { matchesSelector, parseSelector, type Device } from '../protocol.ts';

/** A selector's problem in the parser's words, or null when it parses. */
export function selectorProblem(selector: string): string | null {
  try {
    parseSelector(selector);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The devices a selector matches, computed in the browser with the protocol's own matcher. */
export function matchingDevices(selector: string, devices: readonly Device[]): Device[] | null {
  try {
    const parsed = parseSelector(selector);
    return devices.filter((d) => matchesSelector(parsed, d.labels));
  } catch {
    return null;
  }
}

/** "Matches 2 of 5 devices: a, b" under a selector field, so its effect is visible before saving. */
export function MatchPreview(props: { id: string; selector: string; devices: readonly Device[] }) {
  const matched = matchingDevices(props.selector, props.devices);
  if (!matched) return h('p', { class: 'field-error', id: props.id }, selectorProblem(props.selector));
  const names = matched.slice(0, 5).map((d) => d.name).join(', ');
  return h('p', { class: 'hint', id: props.id },
    `Matches ${matched.length} of ${props.devices.length} device${props.devices.length === 1 ? '' : 's'}`,
    matched.length > 0 ? `: ${names}${matched.length > 5 ? ', …' : ''}` : props.selector.trim() === '' ? ' (an empty selector matches every device)' : '');
}

/**
 * Delete in two steps without a blocking `confirm()` dialog: the first press asks, the second
 * acts; the question goes away on its own after a few seconds.
 */
export function ConfirmButton(props: { label: string; confirmLabel: string; disabled?: boolean; describedBy?: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (!asking) return;
    const timer = setTimeout(() => setAsking(false), 5000);
    return () => clearTimeout(timer);
  }, [asking]);
  return h('button', {
    type: 'button', class: 'danger', disabled: props.disabled, 'aria-describedby': props.describedBy,
    onClick: () => {
      if (!asking) return setAsking(true);
      setAsking(false);
      props.onConfirm();
    },
  }, asking ? props.confirmLabel : props.label);
}
