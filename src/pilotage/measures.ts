/** What every rollup row sums: passages, sollicitations, and the sums and counts behind two averages. */
export type Measures = {
  passages: number;
  sollicitations: number;
  dureeSomme: number;
  dureeNombre: number;
  attenteSomme: number;
  attenteNombre: number;
};
