import type { EditDetail } from './operations';
import { formatAlpha } from './format';

/** An edit's parameters as compact badges. */
export function EditParams({ edit }: { edit: EditDetail }) {
  if (edit.method === 'MAPPER') {
    return (
      <div className="params">
        <span className="badge badge--accent">Mapper</span>
        <span className="badge">{edit.mapper}</span>
        {edit.strength != null && <span className="badge">strength {edit.strength.toFixed(2)}</span>}
      </div>
    );
  }
  return (
    <div className="params">
      <span className="badge badge--accent">Text</span>
      {edit.alphas && <span className="badge">α {edit.alphas.map(formatAlpha).join(', ')}</span>}
      {edit.beta != null && (
        <span className="badge">
          β {edit.beta.toFixed(2)}
          {edit.autoBeta ? ' (auto)' : ''}
        </span>
      )}
      {edit.channels != null && <span className="badge">{edit.channels} channels</span>}
    </div>
  );
}
