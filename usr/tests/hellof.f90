! SPDX-License-Identifier: BSD-3-Clause
! hellof: the Fortran runtime in an image: formatted, unformatted (sequential, direct,
! stream) and internal I/O on host files, INQUIRE, allocatable arrays and derived types,
! REAL(10), REAL(16) through libquadmath, STOP and ERROR STOP. The output and the files
! written are the same as on Linux (run.sh compares them with this source built by the
! host's gfortran).
!   hellof FILE          all checks; writes FILE (formatted) and FILE.bin (unformatted)
!   hellof --stop N      STOP N (exit status N)
!   hellof --error-stop  ERROR STOP 3 (exit status 3)
program hellof
  implicit none
  character(len=256) :: arg, path
  integer :: nargs, code

  nargs = command_argument_count()
  if (nargs < 1) then
    write (*, '(a)') 'usage: hellof FILE | --stop N | --error-stop'
    error stop 64
  end if
  call get_command_argument(1, arg)
  select case (trim(arg))
  case ('--stop')
    call get_command_argument(2, arg)
    read (arg, *) code
    write (*, '(a,i0)') 'hellof: stop ', code
    ! Unit 6 is buffered when it is not a terminal; STOP writes to stderr.
    flush (6)
    stop code
  case ('--error-stop')
    write (*, '(a)') 'hellof: error stop'
    flush (6)
    error stop 3
  end select
  path = arg
  call check_formatted(trim(path))
  call check_unformatted(trim(path)//'.bin')
  call check_arrays()
  call check_internal_io()
  call check_quad()
  call check_extended()
  if (failures() == 0) then
    write (*, '(a)') 'hellof: ok'
  else
    write (*, '(a,i0,a)') 'hellof: ', failures(), ' failed'
    error stop 1
  end if

contains

  ! The counter of failed checks, saved between calls (a module would do as well).
  integer function failures_inc(by)
    integer, intent(in) :: by
    integer, save :: n = 0
    n = n + by
    failures_inc = n
  end function failures_inc

  integer function failures()
    failures = failures_inc(0)
  end function failures

  subroutine check(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    integer :: dummy
    if (ok) then
      write (*, '(2a)') 'ok   ', what
    else
      write (*, '(2a)') 'FAIL ', what
      dummy = failures_inc(1)
    end if
  end subroutine check

  ! Formatted sequential output to a host file, read back; list-directed and edit
  ! descriptors (I, F, E, ES, G, L, A, B, O, Z), BACKSPACE, REWIND, APPEND, INQUIRE.
  subroutine check_formatted(name)
    character(len=*), intent(in) :: name
    integer :: u, i, ios, n
    integer :: iv(5)
    real(8) :: x, y
    real(4) :: f
    character(len=40) :: line
    logical :: there
    integer(8) :: size

    open (newunit=u, file=name, status='replace', action='write', form='formatted', iostat=ios)
    call check(ios == 0, 'open formatted for writing')
    do i = 1, 5
      write (u, '(i3,1x,f10.4,1x,es12.5,1x,l1,1x,a)') i, sqrt(real(i, 8)), &
        exp(real(i, 8)), mod(i, 2) == 0, repeat('*', i)
    end do
    write (u, *) 'list-directed', 42, 2.5d0, .true.
    write (u, '(b8.8,1x,o4,1x,z4,1x,g12.4,1x,en12.3)') 77, 77, 255, 1234.5678d0, 0.00123d0
    write (u, '(3(i0,:,","))') 7, 8, 9
    close (u)

    open (newunit=u, file=name, status='old', position='append', action='write')
    write (u, '(a)') 'appended line'
    close (u)

    inquire (file=name, exist=there, size=size)
    call check(there .and. size > 0, 'inquire exist and size')

    open (newunit=u, file=name, status='old', action='read')
    n = 0
    do
      read (u, '(a)', iostat=ios) line
      if (ios /= 0) exit
      n = n + 1
    end do
    call check(is_iostat_end(ios) .and. n == 9, 'read to end of file: 9 lines')
    rewind (u)
    read (u, '(i3,1x,f10.4)') i, x
    call check(i == 1 .and. abs(x - 1d0) < 1d-9, 'rewind, read I and F')
    read (u, '(i3,1x,f10.4)') i, x
    backspace (u)
    read (u, '(i3,1x,f10.4)') i, y
    call check(i == 2 .and. x == y .and. abs(x - sqrt(2d0)) < 1d-4, 'backspace')
    close (u, status='keep')

    open (newunit=u, file=name, status='old', action='read')
    do i = 1, 5
      read (u, *)
    end do
    read (u, *) line, iv(1), x
    call check(line == 'list-directed' .and. iv(1) == 42 .and. x == 2.5d0, &
               'list-directed read')
    close (u)

    f = 0.1
    write (*, '(a,f12.9,a,es15.8)') 'real(4) 0.1 = ', f, ', real(8) pi = ', 4 * atan(1d0)
    write (*, *) 'list-directed:', 1.0 / 3.0, 1d0 / 3d0, (1d0, -2d0)
    open (newunit=u, file=name//'.missing', status='old', iostat=ios)
    call check(ios /= 0, 'open of a missing file fails with IOSTAT')
  end subroutine check_formatted

  ! Unformatted sequential records (with their length markers), direct access and stream.
  subroutine check_unformatted(name)
    character(len=*), intent(in) :: name
    integer :: u, i, ios
    integer :: a(100), b(100)
    real(8) :: m(3, 4), m2(3, 4)
    character(len=8) :: tag
    integer(8) :: size

    a = [(i * i, i = 1, 100)]
    m = reshape([(real(i, 8) / 7, i = 1, 12)], [3, 4])
    open (newunit=u, file=name, form='unformatted', status='replace', access='sequential')
    write (u) 'record-1', a
    write (u) m
    write (u) size_of_nothing()
    close (u)
    inquire (file=name, size=size)
    ! 8 + 400 bytes, 96 bytes, 4 bytes: each record with a 4-byte marker at both ends.
    call check(size == (8 + 408) + (8 + 96) + (8 + 4), 'unformatted record markers')

    open (newunit=u, file=name, form='unformatted', status='old', action='read')
    read (u) tag, b
    read (u) m2
    close (u)
    call check(tag == 'record-1' .and. all(a == b) .and. all(m == m2), 'unformatted read back')

    ! Direct access: records written out of order, read back by number.
    open (newunit=u, file=name//'.direct', form='unformatted', access='direct', recl=8, &
          status='replace')
    do i = 10, 1, -1
      write (u, rec=i) real(i, 8) ** 2
    end do
    read (u, rec=7) m2(1, 1)
    call check(m2(1, 1) == 49d0, 'direct access')
    close (u, status='delete')

    ! Stream access: byte positions.
    open (newunit=u, file=name//'.stream', form='unformatted', access='stream', status='replace')
    write (u) 1_4, 2_4, 3_4
    read (u, pos=5) i
    call check(i == 2, 'stream access at pos=5')
    close (u, status='delete', iostat=ios)
    call check(ios == 0, 'close with status=delete')
  end subroutine check_unformatted

  integer function size_of_nothing()
    size_of_nothing = 12345
  end function size_of_nothing

  ! Allocatable arrays: allocation, reallocation on assignment, MOVE_ALLOC, derived types
  ! with allocatable components (deep copies), array intrinsics.
  subroutine check_arrays()
    type :: bag
      character(len=:), allocatable :: name
      real(8), allocatable :: v(:)
    end type bag
    real(8), allocatable :: x(:), y(:), z(:, :)
    type(bag), allocatable :: bags(:)
    type(bag) :: copy
    integer :: i, j, stat

    allocate (x(1000000), stat=stat)
    call check(stat == 0 .and. size(x) == 1000000, 'allocate 8 MB')
    x = [(real(i, 8), i = 1, size(x))]
    call check(sum(x) == 500000500000d0, 'sum of 1..1e6')
    y = x(::2)
    call check(size(y) == 500000 .and. y(2) == 3d0, 'reallocation on assignment')
    call move_alloc(y, x)
    call check(.not. allocated(y) .and. size(x) == 500000, 'move_alloc')
    deallocate (x)
    allocate (z(300, 200))
    z = spread([(real(i, 8), i = 1, 300)], 2, 200)
    call check(maxval(z) == 300d0 .and. all(shape(z) == [300, 200]), 'spread, shape')
    call check(abs(sum(matmul(transpose(z(1:3, 1:2)), z(1:3, 1:2))) - 56d0) < 1d-12, &
               'matmul, transpose')
    allocate (bags(3))
    do i = 1, 3
      bags(i)%name = repeat('b', i)
      bags(i)%v = [(real(i * 10 + 1, 8), j = 1, i)]
    end do
    copy = bags(3)
    bags(3)%v(1) = -1
    call check(copy%name == 'bbb' .and. size(copy%v) == 3 .and. copy%v(1) == 31d0, &
               'derived type deep copy')
    deallocate (bags)
    write (*, '(a,3i4)') 'pack:', pack([(i, i = 1, 9)], [(mod(i, 4) == 0, i = 1, 9)]), 0
  end subroutine check_arrays

  ! Internal files: numbers to strings and back.
  subroutine check_internal_io()
    character(len=32) :: s
    real(8) :: x
    integer :: i

    write (s, '(f0.3)') 3.14159d0
    call check(s == '3.142', 'internal write F0.3')
    s = '  123  4.5e1'
    read (s, *) i, x
    call check(i == 123 .and. x == 45d0, 'internal read list-directed')
    write (s, '(i0,"-",a)') 99, 'x'
    call check(trim(s) == '99-x', 'internal write I0 and A')
  end subroutine check_internal_io

  ! REAL(16): arithmetic in libgcc, formatting in libquadmath.
  subroutine check_quad()
    real(16) :: q
    character(len=48) :: s

    q = 1
    q = q / 3
    write (s, '(f40.33)') q
    call check(adjustl(s) == '0.333333333333333333333333333333333', 'real(16) 1/3 to 33 digits')
    write (*, '(a,es42.33e3)') 'real(16) sqrt(2) = ', sqrt(2.0_16)
  end subroutine check_quad

  ! REAL(10), x87 extended: arithmetic in 64-bit precision, printed by the C library's
  ! snprintf, whose long double conversion has double precision here (libc/Makefile): the
  ! first 16 digits are compared.
  subroutine check_extended()
    real(10) :: e
    character(len=32) :: s

    e = 1
    e = e / 3
    call check(e * 3 == 1 .and. e /= real(1.0_8 / 3.0_8, 10), 'real(10) 1/3 in 64-bit precision')
    write (s, '(f22.20)') e
    call check(s(1:17) == '0.333333333333333', 'real(10) 1/3 printed to 16 digits')
  end subroutine check_extended

end program hellof
