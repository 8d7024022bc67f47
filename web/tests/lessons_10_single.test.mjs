// Lesson 10 (myths) completed through the page, single variant (see lib/lesson_walk.mjs).
import { walkLessons } from "./lib/lesson_walk.mjs";

walkLessons("single", 9, 10);
