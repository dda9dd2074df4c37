/** The CLI's escaping of untrusted text for one output line; the rule lives in core (the HTML report uses it too). */
export { printable, printableJson } from '../core/printable';
