'use client';
import { SegmentedControl } from '../../shared/ui/SegmentedControl';
import type { EditMethod, ImageFilter, ImageSource } from './operations';

const METHOD_OPTIONS: { value: EditMethod | null; label: string }[] = [
  { value: null, label: 'All' },
  { value: 'GLOBAL', label: 'Text edits' },
  { value: 'MAPPER', label: 'Mapper edits' },
];

const SOURCE_OPTIONS: { value: ImageSource | null; label: string }[] = [
  { value: null, label: 'All' },
  { value: 'GENERATED', label: 'Generated' },
  { value: 'UPLOADED', label: 'Uploaded' },
  { value: 'EDITED', label: 'Edit results' },
];

export function GalleryFilters({
  filter,
  onChange,
}: {
  filter: ImageFilter;
  onChange: (next: ImageFilter) => void;
}) {
  return (
    <>
      <SegmentedControl
        label="Edited with"
        options={METHOD_OPTIONS}
        value={filter.method ?? null}
        onChange={(method) => onChange({ ...filter, method })}
      />
      <SegmentedControl
        label="Source"
        options={SOURCE_OPTIONS}
        value={filter.source ?? null}
        onChange={(source) => onChange({ ...filter, source })}
      />
    </>
  );
}
