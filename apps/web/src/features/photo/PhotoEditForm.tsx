'use client';
// Edit the picked face(s) of a photo with one text, and see the result pasted back into the whole photo. One
// request: every picked face renders at α, and the API pastes them all back into one photo.
import { useId, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { request } from '../../shared/api/client';
import { userMessage } from '../../shared/api/errors';
import { Slider } from '../../shared/ui/Slider';
import { PastedBack } from '../editor/PastedBack';
import { EditorDefaultsQuery, editorDefaultsOf, type EditDetail } from '../editor/operations';
import { useQuery } from '../../shared/api/use-query';
import { EditPhotoMutation, type PhotoDetail } from './operations';
import styles from './PhotoEditForm.module.css';

interface Props {
  photo: PhotoDetail;
  /** The faces to edit; `all` sends no list (every face of the photo). */
  faces: readonly number[] | 'all';
}

const facesLabel = (faces: readonly number[] | 'all') =>
  faces === 'all'
    ? 'every face'
    : faces.length === 1
      ? `face ${faces[0]! + 1}`
      : `faces ${faces.map((f) => f + 1).join(', ')}`;

export function PhotoEditForm({ photo, faces }: Props) {
  const id = useId();
  const [neutral, setNeutral] = useState('a face');
  const [target, setTarget] = useState('');
  const [alpha, setAlpha] = useState(4);
  // β starts at the API's default (its one definition) until the user moves it.
  const defaults = editorDefaultsOf(useQuery(EditorDefaultsQuery, {}).data);
  const [chosenBeta, setBeta] = useState<number | null>(null);
  const beta = chosenBeta ?? defaults?.beta;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [edit, setEdit] = useState<EditDetail | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!neutral.trim() || !target.trim()) {
      setError('Describe the face (neutral text) and the change you want (target text).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = {
        imageId: photo.id,
        neutral: neutral.trim(),
        target: target.trim(),
        alphas: [alpha],
        ...(beta !== undefined ? { beta } : {}),
        pasteBack: true,
        ...(faces === 'all' ? {} : { faces: [...faces] }),
      };
      setEdit((await request(EditPhotoMutation, { input })).editGlobal);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit {facesLabel(faces)} with words</h2>
      <form className="stack" onSubmit={submit}>
        <div className="form-row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-neutral`}>
              Neutral text
            </label>
            <input
              id={`${id}-neutral`}
              className="input"
              value={neutral}
              onChange={(e) => setNeutral(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-target`}>
              Target text
            </label>
            <input
              id={`${id}-target`}
              className="input"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              placeholder="a smiling face"
              autoComplete="off"
            />
          </div>
        </div>
        <Slider
          label="Strength α"
          name="photo-alpha"
          value={alpha}
          min={-10}
          max={10}
          step={0.1}
          onChange={setAlpha}
          format={(v) => v.toFixed(1)}
        />
        <Slider
          label="Disentanglement β"
          name="photo-beta"
          value={beta ?? 0}
          min={0}
          max={0.4}
          step={0.01}
          onChange={setBeta}
          format={(v) => v.toFixed(2)}
          hint="Higher β moves fewer channels: a more focused, subtler edit."
        />
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy || beta === undefined}>
            {busy && <span className="spinner" aria-hidden="true" />}
            Edit and paste back
          </button>
          <span className="small muted">
            Each face is edited from its inverted code and pasted back into the full-resolution photo.
          </span>
        </div>
      </form>
      {error && (
        <p className="alert alert--error" role="alert" data-testid="photo-edit-error">
          {error}
        </p>
      )}
      {edit && (
        <div className="stack" data-testid="photo-edit-result" data-edit-id={edit.id}>
          <div className={styles.faces} aria-label="The edited faces">
            {edit.results.map((r) => (
              <figure key={r.image.id}>
                <img src={r.image.url} alt={`Face ${(r.face ?? 0) + 1}, edited`} width={96} height={96} />
                <figcaption className="small muted">Face {(r.face ?? 0) + 1}</figcaption>
              </figure>
            ))}
          </div>
          <PastedBack
            edit={edit}
            alpha={edit.results[0]?.alpha}
            photo={{ id: photo.id, url: photo.image.url, width: photo.width, height: photo.height }}
          />
          <Link className="small" href={`/edits/${edit.id}`}>
            The edit's page
          </Link>
        </div>
      )}
    </section>
  );
}
