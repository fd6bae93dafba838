'use client';
// Before/after comparison: the "after" image is revealed right of a handle that can be dragged or moved with
// the keyboard (arrows, Page Up/Down, Home/End).
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cx } from './class-names';
import styles from './CompareSlider.module.css';

interface Props {
  before: string;
  after: string;
  beforeAlt: string;
  afterAlt: string;
  /** Width / height of the images (default 1: faces). */
  aspect?: number;
}

const clamp = (v: number) => Math.min(100, Math.max(0, v));

export function CompareSlider({ before, after, beforeAlt, afterAlt, aspect }: Props) {
  const [pos, setPos] = useState(50);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const fromPointer = (e: PointerEvent) => {
    const rect = box.current?.getBoundingClientRect();
    if (rect && rect.width > 0) setPos(clamp(((e.clientX - rect.left) / rect.width) * 100));
  };

  const onKey = (e: KeyboardEvent) => {
    const step = { ArrowLeft: -5, ArrowDown: -5, ArrowRight: 5, ArrowUp: 5, PageDown: -20, PageUp: 20 }[
      e.key
    ];
    if (step !== undefined) setPos((p) => clamp(p + step));
    else if (e.key === 'Home') setPos(0);
    else if (e.key === 'End') setPos(100);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={box}
      className={styles.compare}
      style={{ ['--pos' as string]: `${pos}%`, ...(aspect ? { aspectRatio: String(aspect) } : {}) }}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        fromPointer(e);
      }}
      onPointerMove={(e) => dragging.current && fromPointer(e)}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
      data-testid="compare"
    >
      <img src={before} alt={beforeAlt} draggable={false} />
      <img
        src={after}
        alt={afterAlt}
        className={styles.afterImage}
        draggable={false}
        data-testid="compare-after"
      />
      <span className={cx(styles.label, styles.labelBefore)}>Before</span>
      <span className={cx(styles.label, styles.labelAfter)}>After</span>
      <div
        className={styles.handle}
        role="slider"
        tabIndex={0}
        aria-label="Before and after comparison: share of the image showing before"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pos)}
        aria-valuetext={`${Math.round(pos)} % before`}
        aria-orientation="horizontal"
        onKeyDown={onKey}
      >
        <span className={styles.knob} aria-hidden="true">
          ⇔
        </span>
      </div>
    </div>
  );
}
