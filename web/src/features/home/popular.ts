/** Words people search for most; the home page offers each as a link (a test checks that each finds items). */
export const POPULAR_SEARCHES = ['营业执照', '社保', '餐饮', '公积金', '户籍'];

/** The example in the English search placeholder: the words an English reader would type. */
export const ENGLISH_EXAMPLE = 'business licence';
