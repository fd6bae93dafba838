import type { Metadata } from 'next';
import { TrainMapperForm } from '../../../features/training/TrainMapperForm';

export const metadata: Metadata = { title: 'Train a mapper' };

export default function TrainMapperPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Train a mapper</h1>
          <p>
            A latent mapper learns one text edit for every face: train it here on generated faces, then apply
            it in the editor in one generator pass.
          </p>
        </div>
      </div>
      <TrainMapperForm />
    </>
  );
}
