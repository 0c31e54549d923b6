/**
 * Analysts' labels on individuals (`sybil`, `core contributor`, `alt of …`), in one guild or
 * across every guild. Analyst data, not archive data: writing labels never changes the data
 * version, and labels are read afresh, never from the query cache.
 */
export { addLabel, type AddLabelInput, type AddedLabel } from './add-label';
export { defaultAnalyst } from './analyst-name';
export { listLabels, type LabelRow, type ListLabelsInput } from './list-labels';
export { removeLabels, type RemoveLabelsInput } from './remove-labels';
