import { accessSuite } from './testing/access-suite';

// Work budget, throttled authentication, request ids, schema hints, job ownership: filesystem storage.
accessSuite('fs');
