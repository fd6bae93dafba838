// Each module registers its rules on import.
import './elementwise';
import './linalg';
import './conv';
import './shape';
import './reduce';
import './normalization';
