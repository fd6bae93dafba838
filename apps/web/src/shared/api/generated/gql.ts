/* eslint-disable */
import * as types from './graphql';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  fragment TopChannel on Channel {\n    layer\n    layerName\n    channel\n    weight\n  }\n': typeof types.TopChannelFragmentDoc;
  '\n  fragment EditDetail on Edit {\n    id\n    method\n    createdAt\n    neutral\n    target\n    alphas\n    beta\n    autoBeta\n    channels\n    mapper\n    strength\n    shareUrl\n    topChannels {\n      ...TopChannel\n    }\n    results {\n      alpha\n      face\n      image {\n        ...ImageSummary\n      }\n    }\n    image {\n      ...ImageSummary\n    }\n    faces\n    pastedBack {\n      alpha\n      image {\n        id\n        url\n        width\n        height\n      }\n    }\n  }\n': typeof types.EditDetailFragmentDoc;
  '\n  query Edit($id: ID!) {\n    edit(id: $id) {\n      ...EditDetail\n    }\n  }\n': typeof types.EditDocument;
  '\n  query EditorImage($id: ID!) {\n    image(id: $id) {\n      ...ImageSummary\n      face {\n        index\n      }\n      photo {\n        id\n        width\n        height\n        image {\n          id\n          url\n        }\n      }\n    }\n  }\n': typeof types.EditorImageDocument;
  '\n  query EditorModelSet($id: ID) {\n    modelSet(id: $id) {\n      id\n      size\n      previewResolution\n      hasClip\n      hasDirections\n      mappers {\n        name\n        coarse\n        medium\n        fine\n      }\n    }\n  }\n': typeof types.EditorModelSetDocument;
  '\n  query TextDirection($input: TextDirectionInput!) {\n    textDirection(input: $input) {\n      channels\n      beta\n      maxAbsRelevance\n      dtNorm\n      topChannels {\n        ...TopChannel\n      }\n    }\n  }\n': typeof types.TextDirectionDocument;
  '\n  query PreviewGlobalEdit($input: EditGlobalInput!, $resolution: Int) {\n    previewGlobalEdit(input: $input, resolution: $resolution) {\n      channels\n      beta\n      autoBeta\n      topChannels {\n        ...TopChannel\n      }\n      images {\n        alpha\n        width\n        height\n        dataUrl\n      }\n    }\n  }\n': typeof types.PreviewGlobalEditDocument;
  '\n  query PreviewMapperEdit($input: EditMapperInput!, $resolution: Int) {\n    previewMapperEdit(input: $input, resolution: $resolution) {\n      strength\n      images {\n        alpha\n        width\n        height\n        dataUrl\n      }\n    }\n  }\n': typeof types.PreviewMapperEditDocument;
  '\n  mutation EditGlobal($input: EditGlobalInput!) {\n    editGlobal(input: $input) {\n      ...EditDetail\n    }\n  }\n': typeof types.EditGlobalDocument;
  '\n  mutation EditMapper($input: EditMapperInput!) {\n    editMapper(input: $input) {\n      ...EditDetail\n    }\n  }\n': typeof types.EditMapperDocument;
  '\n  mutation DeleteEdit($id: ID!) {\n    deleteEdit(id: $id) {\n      images\n      edits\n      files\n    }\n  }\n': typeof types.DeleteEditDocument;
  '\n  query EditorDefaults {\n    parameters {\n      editGlobal {\n        beta {\n          default\n        }\n      }\n      editMapper {\n        strength {\n          default\n        }\n      }\n    }\n  }\n': typeof types.EditorDefaultsDocument;
  '\n  query Gallery($first: Int, $after: String, $filter: ImageFilter) {\n    images(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ImageSummary\n          edits(first: 4) {\n            edges {\n              cursor\n              node {\n                id\n                method\n                results {\n                  image {\n                    id\n                    url\n                  }\n                }\n              }\n            }\n            pageInfo {\n              endCursor\n              hasNextPage\n            }\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n': typeof types.GalleryDocument;
  '\n  query Image($id: ID!, $editsAfter: String) {\n    image(id: $id) {\n      ...ImageSummary\n      face {\n        index\n      }\n      photo {\n        id\n      }\n      parentEdit {\n        id\n        method\n        neutral\n        target\n        mapper\n        image {\n          id\n        }\n      }\n      edits(first: 20, after: $editsAfter) {\n        edges {\n          cursor\n          node {\n            ...EditDetail\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n': typeof types.ImageDocument;
  '\n  mutation GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      ...ImageSummary\n    }\n  }\n': typeof types.GenerateImagesDocument;
  '\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      images\n      edits\n      files\n    }\n  }\n': typeof types.DeleteImageDocument;
  '\n  query GenerateLimits {\n    parameters {\n      generateImages {\n        seeds {\n          maxItems\n        }\n        truncation {\n          min\n          max\n          default\n        }\n      }\n    }\n  }\n': typeof types.GenerateLimitsDocument;
  '\n  fragment JobStatus on Job {\n    id\n    kind\n    state\n    modelSetId\n    progress\n    phase\n    done\n    total\n    etaSeconds\n    createdAt\n    updatedAt\n    error {\n      code\n      message\n    }\n  }\n': typeof types.JobStatusFragmentDoc;
  '\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobStatus\n    }\n  }\n': typeof types.JobDocument;
  '\n  query Jobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...JobStatus\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n': typeof types.JobsDocument;
  '\n  mutation CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      ...JobStatus\n    }\n  }\n': typeof types.CancelJobDocument;
  '\n  fragment ModelSetDetail on ModelSet {\n    id\n    size\n    styleDim\n    nLatent\n    hasClip\n    hasDirections\n    inversionConfigured\n    mappers {\n      name\n      coarse\n      medium\n      fine\n    }\n    directions {\n      rows\n      layers\n      images\n      origin\n    }\n  }\n': typeof types.ModelSetDetailFragmentDoc;
  '\n  query ModelSet($id: ID) {\n    modelSet(id: $id) {\n      ...ModelSetDetail\n    }\n  }\n': typeof types.ModelSetDocument;
  '\n  query ModelSets {\n    modelSets {\n      ...ModelSetDetail\n    }\n  }\n': typeof types.ModelSetsDocument;
  '\n  mutation PrecomputeDirections($input: PrecomputeDirectionsInput!) {\n    precomputeDirections(input: $input) {\n      ...JobStatus\n    }\n  }\n': typeof types.PrecomputeDirectionsDocument;
  '\n  query PrecomputeLimits {\n    parameters {\n      precomputeDirections {\n        images {\n          min\n          max\n          default\n        }\n        samples {\n          min\n          max\n          default\n        }\n      }\n    }\n  }\n': typeof types.PrecomputeLimitsDocument;
  '\n  fragment PhotoDetail on Photo {\n    id\n    state\n    width\n    height\n    detected\n    maxFaces\n    minScore\n    error {\n      code\n      message\n    }\n    job {\n      ...JobStatus\n    }\n    image {\n      ...ImageSummary\n    }\n    faces {\n      index\n      score\n      cached\n      alignedUrl\n      reconstructionUrl\n      box {\n        left\n        top\n        right\n        bottom\n      }\n      landmarks {\n        x\n        y\n      }\n      image {\n        id\n        url\n      }\n    }\n  }\n': typeof types.PhotoDetailFragmentDoc;
  '\n  query Photo($id: ID!) {\n    photo(id: $id) {\n      ...PhotoDetail\n    }\n  }\n': typeof types.PhotoDocument;
  '\n  mutation InvertPhoto($input: InvertPhotoInput!) {\n    invertPhoto(input: $input) {\n      ...PhotoDetail\n    }\n  }\n': typeof types.InvertPhotoDocument;
  '\n  mutation EditPhoto($input: EditGlobalInput!) {\n    editGlobal(input: $input) {\n      ...EditDetail\n    }\n  }\n': typeof types.EditPhotoDocument;
  '\n  query Health {\n    health {\n      status\n      version\n      modelSets\n      storage\n    }\n  }\n': typeof types.HealthDocument;
  '\n  fragment TrainingJob on Job {\n    ...JobStatus\n    previewUrl\n    training {\n      step\n      steps\n      mapper\n      losses {\n        clip\n        l2\n        id\n        total\n        lr\n      }\n      curve {\n        stride\n        step\n        total\n        clip\n        l2\n        id\n      }\n      evaluations {\n        step\n        losses {\n          clip\n          l2\n          id\n          total\n        }\n      }\n    }\n    edit {\n      ...EditDetail\n    }\n    trainedMapper {\n      name\n      text\n      checkpointUrl\n      paramsSha256\n    }\n  }\n': typeof types.TrainingJobFragmentDoc;
  '\n  query TrainingJob($id: ID!) {\n    job(id: $id) {\n      ...TrainingJob\n    }\n  }\n': typeof types.TrainingJobDocument;
  '\n  mutation OptimizeLatent($input: OptimizeLatentInput!) {\n    optimizeLatent(input: $input) {\n      ...TrainingJob\n    }\n  }\n': typeof types.OptimizeLatentDocument;
  '\n  mutation TrainMapper($input: TrainMapperInput!) {\n    trainMapper(input: $input) {\n      ...TrainingJob\n    }\n  }\n': typeof types.TrainMapperDocument;
  '\n  query TrainingParameters {\n    parameters {\n      optimizeLatent {\n        steps {\n          default\n          min\n          max\n        }\n        l2Lambda {\n          default\n        }\n        idLambda {\n          default\n        }\n        lr {\n          default\n        }\n      }\n      trainMapper {\n        steps {\n          default\n          min\n          max\n        }\n        batch {\n          default\n          min\n          max\n        }\n        lr {\n          default\n        }\n        clipLambda {\n          default\n        }\n        l2Lambda {\n          default\n        }\n        idLambda {\n          default\n        }\n        seedCount {\n          default\n          min\n          max\n        }\n      }\n    }\n    modelSet {\n      id\n      hasClip\n    }\n  }\n': typeof types.TrainingParametersDocument;
  '\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      method\n      url\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n': typeof types.CreateUploadDocument;
  '\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...ImageSummary\n    }\n  }\n': typeof types.CompleteUploadDocument;
  '\n  query UploadLimits {\n    parameters {\n      createUpload {\n        size {\n          max\n        }\n        contentType {\n          values\n        }\n      }\n      uploadedImage {\n        width {\n          max\n        }\n        height {\n          max\n        }\n      }\n    }\n  }\n': typeof types.UploadLimitsDocument;
  '\n  fragment ImageSummary on Image {\n    id\n    source\n    url\n    width\n    height\n    createdAt\n    modelSetId\n    seed\n    truncation\n    inversionStatus\n    latent {\n      id\n      space\n    }\n  }\n': typeof types.ImageSummaryFragmentDoc;
};
const documents: Documents = {
  '\n  fragment TopChannel on Channel {\n    layer\n    layerName\n    channel\n    weight\n  }\n':
    types.TopChannelFragmentDoc,
  '\n  fragment EditDetail on Edit {\n    id\n    method\n    createdAt\n    neutral\n    target\n    alphas\n    beta\n    autoBeta\n    channels\n    mapper\n    strength\n    shareUrl\n    topChannels {\n      ...TopChannel\n    }\n    results {\n      alpha\n      face\n      image {\n        ...ImageSummary\n      }\n    }\n    image {\n      ...ImageSummary\n    }\n    faces\n    pastedBack {\n      alpha\n      image {\n        id\n        url\n        width\n        height\n      }\n    }\n  }\n':
    types.EditDetailFragmentDoc,
  '\n  query Edit($id: ID!) {\n    edit(id: $id) {\n      ...EditDetail\n    }\n  }\n': types.EditDocument,
  '\n  query EditorImage($id: ID!) {\n    image(id: $id) {\n      ...ImageSummary\n      face {\n        index\n      }\n      photo {\n        id\n        width\n        height\n        image {\n          id\n          url\n        }\n      }\n    }\n  }\n':
    types.EditorImageDocument,
  '\n  query EditorModelSet($id: ID) {\n    modelSet(id: $id) {\n      id\n      size\n      previewResolution\n      hasClip\n      hasDirections\n      mappers {\n        name\n        coarse\n        medium\n        fine\n      }\n    }\n  }\n':
    types.EditorModelSetDocument,
  '\n  query TextDirection($input: TextDirectionInput!) {\n    textDirection(input: $input) {\n      channels\n      beta\n      maxAbsRelevance\n      dtNorm\n      topChannels {\n        ...TopChannel\n      }\n    }\n  }\n':
    types.TextDirectionDocument,
  '\n  query PreviewGlobalEdit($input: EditGlobalInput!, $resolution: Int) {\n    previewGlobalEdit(input: $input, resolution: $resolution) {\n      channels\n      beta\n      autoBeta\n      topChannels {\n        ...TopChannel\n      }\n      images {\n        alpha\n        width\n        height\n        dataUrl\n      }\n    }\n  }\n':
    types.PreviewGlobalEditDocument,
  '\n  query PreviewMapperEdit($input: EditMapperInput!, $resolution: Int) {\n    previewMapperEdit(input: $input, resolution: $resolution) {\n      strength\n      images {\n        alpha\n        width\n        height\n        dataUrl\n      }\n    }\n  }\n':
    types.PreviewMapperEditDocument,
  '\n  mutation EditGlobal($input: EditGlobalInput!) {\n    editGlobal(input: $input) {\n      ...EditDetail\n    }\n  }\n':
    types.EditGlobalDocument,
  '\n  mutation EditMapper($input: EditMapperInput!) {\n    editMapper(input: $input) {\n      ...EditDetail\n    }\n  }\n':
    types.EditMapperDocument,
  '\n  mutation DeleteEdit($id: ID!) {\n    deleteEdit(id: $id) {\n      images\n      edits\n      files\n    }\n  }\n':
    types.DeleteEditDocument,
  '\n  query EditorDefaults {\n    parameters {\n      editGlobal {\n        beta {\n          default\n        }\n      }\n      editMapper {\n        strength {\n          default\n        }\n      }\n    }\n  }\n':
    types.EditorDefaultsDocument,
  '\n  query Gallery($first: Int, $after: String, $filter: ImageFilter) {\n    images(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ImageSummary\n          edits(first: 4) {\n            edges {\n              cursor\n              node {\n                id\n                method\n                results {\n                  image {\n                    id\n                    url\n                  }\n                }\n              }\n            }\n            pageInfo {\n              endCursor\n              hasNextPage\n            }\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n':
    types.GalleryDocument,
  '\n  query Image($id: ID!, $editsAfter: String) {\n    image(id: $id) {\n      ...ImageSummary\n      face {\n        index\n      }\n      photo {\n        id\n      }\n      parentEdit {\n        id\n        method\n        neutral\n        target\n        mapper\n        image {\n          id\n        }\n      }\n      edits(first: 20, after: $editsAfter) {\n        edges {\n          cursor\n          node {\n            ...EditDetail\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n':
    types.ImageDocument,
  '\n  mutation GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      ...ImageSummary\n    }\n  }\n':
    types.GenerateImagesDocument,
  '\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      images\n      edits\n      files\n    }\n  }\n':
    types.DeleteImageDocument,
  '\n  query GenerateLimits {\n    parameters {\n      generateImages {\n        seeds {\n          maxItems\n        }\n        truncation {\n          min\n          max\n          default\n        }\n      }\n    }\n  }\n':
    types.GenerateLimitsDocument,
  '\n  fragment JobStatus on Job {\n    id\n    kind\n    state\n    modelSetId\n    progress\n    phase\n    done\n    total\n    etaSeconds\n    createdAt\n    updatedAt\n    error {\n      code\n      message\n    }\n  }\n':
    types.JobStatusFragmentDoc,
  '\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobStatus\n    }\n  }\n': types.JobDocument,
  '\n  query Jobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...JobStatus\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n':
    types.JobsDocument,
  '\n  mutation CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      ...JobStatus\n    }\n  }\n':
    types.CancelJobDocument,
  '\n  fragment ModelSetDetail on ModelSet {\n    id\n    size\n    styleDim\n    nLatent\n    hasClip\n    hasDirections\n    inversionConfigured\n    mappers {\n      name\n      coarse\n      medium\n      fine\n    }\n    directions {\n      rows\n      layers\n      images\n      origin\n    }\n  }\n':
    types.ModelSetDetailFragmentDoc,
  '\n  query ModelSet($id: ID) {\n    modelSet(id: $id) {\n      ...ModelSetDetail\n    }\n  }\n':
    types.ModelSetDocument,
  '\n  query ModelSets {\n    modelSets {\n      ...ModelSetDetail\n    }\n  }\n': types.ModelSetsDocument,
  '\n  mutation PrecomputeDirections($input: PrecomputeDirectionsInput!) {\n    precomputeDirections(input: $input) {\n      ...JobStatus\n    }\n  }\n':
    types.PrecomputeDirectionsDocument,
  '\n  query PrecomputeLimits {\n    parameters {\n      precomputeDirections {\n        images {\n          min\n          max\n          default\n        }\n        samples {\n          min\n          max\n          default\n        }\n      }\n    }\n  }\n':
    types.PrecomputeLimitsDocument,
  '\n  fragment PhotoDetail on Photo {\n    id\n    state\n    width\n    height\n    detected\n    maxFaces\n    minScore\n    error {\n      code\n      message\n    }\n    job {\n      ...JobStatus\n    }\n    image {\n      ...ImageSummary\n    }\n    faces {\n      index\n      score\n      cached\n      alignedUrl\n      reconstructionUrl\n      box {\n        left\n        top\n        right\n        bottom\n      }\n      landmarks {\n        x\n        y\n      }\n      image {\n        id\n        url\n      }\n    }\n  }\n':
    types.PhotoDetailFragmentDoc,
  '\n  query Photo($id: ID!) {\n    photo(id: $id) {\n      ...PhotoDetail\n    }\n  }\n':
    types.PhotoDocument,
  '\n  mutation InvertPhoto($input: InvertPhotoInput!) {\n    invertPhoto(input: $input) {\n      ...PhotoDetail\n    }\n  }\n':
    types.InvertPhotoDocument,
  '\n  mutation EditPhoto($input: EditGlobalInput!) {\n    editGlobal(input: $input) {\n      ...EditDetail\n    }\n  }\n':
    types.EditPhotoDocument,
  '\n  query Health {\n    health {\n      status\n      version\n      modelSets\n      storage\n    }\n  }\n':
    types.HealthDocument,
  '\n  fragment TrainingJob on Job {\n    ...JobStatus\n    previewUrl\n    training {\n      step\n      steps\n      mapper\n      losses {\n        clip\n        l2\n        id\n        total\n        lr\n      }\n      curve {\n        stride\n        step\n        total\n        clip\n        l2\n        id\n      }\n      evaluations {\n        step\n        losses {\n          clip\n          l2\n          id\n          total\n        }\n      }\n    }\n    edit {\n      ...EditDetail\n    }\n    trainedMapper {\n      name\n      text\n      checkpointUrl\n      paramsSha256\n    }\n  }\n':
    types.TrainingJobFragmentDoc,
  '\n  query TrainingJob($id: ID!) {\n    job(id: $id) {\n      ...TrainingJob\n    }\n  }\n':
    types.TrainingJobDocument,
  '\n  mutation OptimizeLatent($input: OptimizeLatentInput!) {\n    optimizeLatent(input: $input) {\n      ...TrainingJob\n    }\n  }\n':
    types.OptimizeLatentDocument,
  '\n  mutation TrainMapper($input: TrainMapperInput!) {\n    trainMapper(input: $input) {\n      ...TrainingJob\n    }\n  }\n':
    types.TrainMapperDocument,
  '\n  query TrainingParameters {\n    parameters {\n      optimizeLatent {\n        steps {\n          default\n          min\n          max\n        }\n        l2Lambda {\n          default\n        }\n        idLambda {\n          default\n        }\n        lr {\n          default\n        }\n      }\n      trainMapper {\n        steps {\n          default\n          min\n          max\n        }\n        batch {\n          default\n          min\n          max\n        }\n        lr {\n          default\n        }\n        clipLambda {\n          default\n        }\n        l2Lambda {\n          default\n        }\n        idLambda {\n          default\n        }\n        seedCount {\n          default\n          min\n          max\n        }\n      }\n    }\n    modelSet {\n      id\n      hasClip\n    }\n  }\n':
    types.TrainingParametersDocument,
  '\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      method\n      url\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n':
    types.CreateUploadDocument,
  '\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...ImageSummary\n    }\n  }\n':
    types.CompleteUploadDocument,
  '\n  query UploadLimits {\n    parameters {\n      createUpload {\n        size {\n          max\n        }\n        contentType {\n          values\n        }\n      }\n      uploadedImage {\n        width {\n          max\n        }\n        height {\n          max\n        }\n      }\n    }\n  }\n':
    types.UploadLimitsDocument,
  '\n  fragment ImageSummary on Image {\n    id\n    source\n    url\n    width\n    height\n    createdAt\n    modelSetId\n    seed\n    truncation\n    inversionStatus\n    latent {\n      id\n      space\n    }\n  }\n':
    types.ImageSummaryFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TopChannel on Channel {\n    layer\n    layerName\n    channel\n    weight\n  }\n',
): typeof import('./graphql').TopChannelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment EditDetail on Edit {\n    id\n    method\n    createdAt\n    neutral\n    target\n    alphas\n    beta\n    autoBeta\n    channels\n    mapper\n    strength\n    shareUrl\n    topChannels {\n      ...TopChannel\n    }\n    results {\n      alpha\n      face\n      image {\n        ...ImageSummary\n      }\n    }\n    image {\n      ...ImageSummary\n    }\n    faces\n    pastedBack {\n      alpha\n      image {\n        id\n        url\n        width\n        height\n      }\n    }\n  }\n',
): typeof import('./graphql').EditDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Edit($id: ID!) {\n    edit(id: $id) {\n      ...EditDetail\n    }\n  }\n',
): typeof import('./graphql').EditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query EditorImage($id: ID!) {\n    image(id: $id) {\n      ...ImageSummary\n      face {\n        index\n      }\n      photo {\n        id\n        width\n        height\n        image {\n          id\n          url\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').EditorImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query EditorModelSet($id: ID) {\n    modelSet(id: $id) {\n      id\n      size\n      previewResolution\n      hasClip\n      hasDirections\n      mappers {\n        name\n        coarse\n        medium\n        fine\n      }\n    }\n  }\n',
): typeof import('./graphql').EditorModelSetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TextDirection($input: TextDirectionInput!) {\n    textDirection(input: $input) {\n      channels\n      beta\n      maxAbsRelevance\n      dtNorm\n      topChannels {\n        ...TopChannel\n      }\n    }\n  }\n',
): typeof import('./graphql').TextDirectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PreviewGlobalEdit($input: EditGlobalInput!, $resolution: Int) {\n    previewGlobalEdit(input: $input, resolution: $resolution) {\n      channels\n      beta\n      autoBeta\n      topChannels {\n        ...TopChannel\n      }\n      images {\n        alpha\n        width\n        height\n        dataUrl\n      }\n    }\n  }\n',
): typeof import('./graphql').PreviewGlobalEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PreviewMapperEdit($input: EditMapperInput!, $resolution: Int) {\n    previewMapperEdit(input: $input, resolution: $resolution) {\n      strength\n      images {\n        alpha\n        width\n        height\n        dataUrl\n      }\n    }\n  }\n',
): typeof import('./graphql').PreviewMapperEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation EditGlobal($input: EditGlobalInput!) {\n    editGlobal(input: $input) {\n      ...EditDetail\n    }\n  }\n',
): typeof import('./graphql').EditGlobalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation EditMapper($input: EditMapperInput!) {\n    editMapper(input: $input) {\n      ...EditDetail\n    }\n  }\n',
): typeof import('./graphql').EditMapperDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation DeleteEdit($id: ID!) {\n    deleteEdit(id: $id) {\n      images\n      edits\n      files\n    }\n  }\n',
): typeof import('./graphql').DeleteEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query EditorDefaults {\n    parameters {\n      editGlobal {\n        beta {\n          default\n        }\n      }\n      editMapper {\n        strength {\n          default\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').EditorDefaultsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Gallery($first: Int, $after: String, $filter: ImageFilter) {\n    images(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          ...ImageSummary\n          edits(first: 4) {\n            edges {\n              cursor\n              node {\n                id\n                method\n                results {\n                  image {\n                    id\n                    url\n                  }\n                }\n              }\n            }\n            pageInfo {\n              endCursor\n              hasNextPage\n            }\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n',
): typeof import('./graphql').GalleryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Image($id: ID!, $editsAfter: String) {\n    image(id: $id) {\n      ...ImageSummary\n      face {\n        index\n      }\n      photo {\n        id\n      }\n      parentEdit {\n        id\n        method\n        neutral\n        target\n        mapper\n        image {\n          id\n        }\n      }\n      edits(first: 20, after: $editsAfter) {\n        edges {\n          cursor\n          node {\n            ...EditDetail\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').ImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      ...ImageSummary\n    }\n  }\n',
): typeof import('./graphql').GenerateImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      images\n      edits\n      files\n    }\n  }\n',
): typeof import('./graphql').DeleteImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query GenerateLimits {\n    parameters {\n      generateImages {\n        seeds {\n          maxItems\n        }\n        truncation {\n          min\n          max\n          default\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').GenerateLimitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment JobStatus on Job {\n    id\n    kind\n    state\n    modelSetId\n    progress\n    phase\n    done\n    total\n    etaSeconds\n    createdAt\n    updatedAt\n    error {\n      code\n      message\n    }\n  }\n',
): typeof import('./graphql').JobStatusFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobStatus\n    }\n  }\n',
): typeof import('./graphql').JobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Jobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...JobStatus\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n',
): typeof import('./graphql').JobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      ...JobStatus\n    }\n  }\n',
): typeof import('./graphql').CancelJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ModelSetDetail on ModelSet {\n    id\n    size\n    styleDim\n    nLatent\n    hasClip\n    hasDirections\n    inversionConfigured\n    mappers {\n      name\n      coarse\n      medium\n      fine\n    }\n    directions {\n      rows\n      layers\n      images\n      origin\n    }\n  }\n',
): typeof import('./graphql').ModelSetDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ModelSet($id: ID) {\n    modelSet(id: $id) {\n      ...ModelSetDetail\n    }\n  }\n',
): typeof import('./graphql').ModelSetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ModelSets {\n    modelSets {\n      ...ModelSetDetail\n    }\n  }\n',
): typeof import('./graphql').ModelSetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PrecomputeDirections($input: PrecomputeDirectionsInput!) {\n    precomputeDirections(input: $input) {\n      ...JobStatus\n    }\n  }\n',
): typeof import('./graphql').PrecomputeDirectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PrecomputeLimits {\n    parameters {\n      precomputeDirections {\n        images {\n          min\n          max\n          default\n        }\n        samples {\n          min\n          max\n          default\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').PrecomputeLimitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment PhotoDetail on Photo {\n    id\n    state\n    width\n    height\n    detected\n    maxFaces\n    minScore\n    error {\n      code\n      message\n    }\n    job {\n      ...JobStatus\n    }\n    image {\n      ...ImageSummary\n    }\n    faces {\n      index\n      score\n      cached\n      alignedUrl\n      reconstructionUrl\n      box {\n        left\n        top\n        right\n        bottom\n      }\n      landmarks {\n        x\n        y\n      }\n      image {\n        id\n        url\n      }\n    }\n  }\n',
): typeof import('./graphql').PhotoDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Photo($id: ID!) {\n    photo(id: $id) {\n      ...PhotoDetail\n    }\n  }\n',
): typeof import('./graphql').PhotoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation InvertPhoto($input: InvertPhotoInput!) {\n    invertPhoto(input: $input) {\n      ...PhotoDetail\n    }\n  }\n',
): typeof import('./graphql').InvertPhotoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation EditPhoto($input: EditGlobalInput!) {\n    editGlobal(input: $input) {\n      ...EditDetail\n    }\n  }\n',
): typeof import('./graphql').EditPhotoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Health {\n    health {\n      status\n      version\n      modelSets\n      storage\n    }\n  }\n',
): typeof import('./graphql').HealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TrainingJob on Job {\n    ...JobStatus\n    previewUrl\n    training {\n      step\n      steps\n      mapper\n      losses {\n        clip\n        l2\n        id\n        total\n        lr\n      }\n      curve {\n        stride\n        step\n        total\n        clip\n        l2\n        id\n      }\n      evaluations {\n        step\n        losses {\n          clip\n          l2\n          id\n          total\n        }\n      }\n    }\n    edit {\n      ...EditDetail\n    }\n    trainedMapper {\n      name\n      text\n      checkpointUrl\n      paramsSha256\n    }\n  }\n',
): typeof import('./graphql').TrainingJobFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TrainingJob($id: ID!) {\n    job(id: $id) {\n      ...TrainingJob\n    }\n  }\n',
): typeof import('./graphql').TrainingJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OptimizeLatent($input: OptimizeLatentInput!) {\n    optimizeLatent(input: $input) {\n      ...TrainingJob\n    }\n  }\n',
): typeof import('./graphql').OptimizeLatentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation TrainMapper($input: TrainMapperInput!) {\n    trainMapper(input: $input) {\n      ...TrainingJob\n    }\n  }\n',
): typeof import('./graphql').TrainMapperDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TrainingParameters {\n    parameters {\n      optimizeLatent {\n        steps {\n          default\n          min\n          max\n        }\n        l2Lambda {\n          default\n        }\n        idLambda {\n          default\n        }\n        lr {\n          default\n        }\n      }\n      trainMapper {\n        steps {\n          default\n          min\n          max\n        }\n        batch {\n          default\n          min\n          max\n        }\n        lr {\n          default\n        }\n        clipLambda {\n          default\n        }\n        l2Lambda {\n          default\n        }\n        idLambda {\n          default\n        }\n        seedCount {\n          default\n          min\n          max\n        }\n      }\n    }\n    modelSet {\n      id\n      hasClip\n    }\n  }\n',
): typeof import('./graphql').TrainingParametersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      method\n      url\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n',
): typeof import('./graphql').CreateUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CompleteUpload($uploadId: ID!) {\n    completeUpload(uploadId: $uploadId) {\n      ...ImageSummary\n    }\n  }\n',
): typeof import('./graphql').CompleteUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query UploadLimits {\n    parameters {\n      createUpload {\n        size {\n          max\n        }\n        contentType {\n          values\n        }\n      }\n      uploadedImage {\n        width {\n          max\n        }\n        height {\n          max\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').UploadLimitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ImageSummary on Image {\n    id\n    source\n    url\n    width\n    height\n    createdAt\n    modelSetId\n    seed\n    truncation\n    inversionStatus\n    latent {\n      id\n      space\n    }\n  }\n',
): typeof import('./graphql').ImageSummaryFragmentDoc;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
